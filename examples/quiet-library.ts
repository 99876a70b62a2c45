// A quiet library: nothing is printed until the application opts in.
import logging from "../src/index.js";
import { doWork } from "./mylib/index.js";

doWork(500); // silent: the library's NullHandler counts as "a handler found"

logging.basicConfig({ level: logging.DEBUG, format: "%(name)s %(levelname)s %(message)s" });
doWork(500); // now mylib.worker's records propagate to the root handler
