// The development console: run `node --import tsx examples/console.ts` in a terminal.
import { withContext } from "../src/core/context.js";
import { ConsoleHandler } from "../src/handlers/console.js";
import * as logging from "../src/index.js";

logging.basicConfig({ handlers: [new ConsoleHandler()], level: logging.DEBUG, force: true });
const db = logging.getLogger("app.db");
const http = logging.getLogger("app.http");

http.info("listening on %s:%d", "127.0.0.1", 8080);
withContext({ requestId: "r-5f2c" }, () => {
  http.debug("GET %s", "/orders/17");
  db.warning("slow query: %.1f ms", 812.4, { extra: { table: "orders", rows: 1200 } });
  try {
    try {
      throw new TypeError("connection reset by peer");
    } catch (cause) {
      throw new Error("could not load order 17", { cause });
    }
  } catch (err) {
    db.error("request failed", err);
  }
});
db.critical("pool exhausted: %d of %d connections busy", 20, 20);
http.info("user input is shown escaped: %s", "evil\x1b[2J\rWARNING forged line");
