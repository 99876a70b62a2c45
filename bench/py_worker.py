"""CPython 3.11 `logging` doing the same work as the Node workers.

python3 bench/py_worker.py <scenario> <n> <dir> <resultFile>
Setup is not timed; the clock runs from the first logging call until every
handler has been flushed and closed.
"""
import json
import logging
import logging.handlers
import os
import resource
import sys
import time

FMT = "%(asctime)s - %(name)s - %(levelname)s - %(message)s"
MSG = "request %d handled in %s ms"
MS = ["%.1f" % (k / 10) for k in range(100)]
ROTATE_BYTES = 256 * 1024
TEN = ["svc%d" % k for k in range(10)]


class JsonFormatter(logging.Formatter):
    """The JSON scenario's line: level, time, name, msg (as the Node peers)."""

    def format(self, record):
        return json.dumps({"level": record.levelno, "time": record.created, "name": record.name,
                           "msg": record.getMessage()}, separators=(",", ":"))


def main():
    scenario, n, d, result = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    path = lambda name: os.path.join(d, name)
    handlers = []

    def fh(p, fmt=None):
        h = logging.FileHandler(p)
        h.setFormatter(fmt or logging.Formatter(FMT))
        handlers.append(h)
        return h

    def logger(name, *hs):
        log = logging.getLogger(name)
        log.setLevel(logging.INFO)
        log.propagate = False
        for h in hs:
            log.addHandler(h)
        return log

    if scenario in ("text", "mem"):
        log = logger("bench", fh(path("out.log")))
    elif scenario == "json":
        log = logger("bench", fh(path("out.log"), JsonFormatter()))
    elif scenario == "disabled":
        log = logger("bench", fh(path("out.log")))
    elif scenario == "two":
        log = logger("bench", fh(path("out1.log")), fh(path("out2.log")))
    elif scenario == "deep":
        logging.root.setLevel(logging.INFO)
        logging.root.addHandler(fh(path("out.log")))
        log = logging.getLogger("a.b.c.d")
    elif scenario == "ten":
        logs = [logger(name, fh(path(name + ".log"))) for name in TEN]
    elif scenario == "stdout":
        h = logging.StreamHandler(sys.stdout)
        h.setFormatter(logging.Formatter(FMT))
        handlers.append(h)
        log = logger("bench", h)
    elif scenario == "filter":
        log = logger("bench", fh(path("out.log")))
        log.addFilter(lambda record: record.levelno >= logging.INFO and record.name != "noise")
    elif scenario == "handler-filter":
        h = fh(path("out.log"))
        h.addFilter(lambda record: record.levelno >= logging.INFO and record.name != "noise")
        log = logger("bench", h)
    elif scenario == "custom-handler":
        class TagHandler(logging.FileHandler):
            def emit(self, record):
                record.service = "api"
                super().emit(record)
        h = TagHandler(path("out.log"))
        h.setFormatter(logging.Formatter(FMT))
        handlers.append(h)
        log = logger("bench", h)
    elif scenario == "factory":
        old = logging.getLogRecordFactory()
        def factory(*args, **kwargs):
            record = old(*args, **kwargs)
            record.service = "api"
            return record
        logging.setLogRecordFactory(factory)
        log = logger("bench", fh(path("out.log")))
    elif scenario == "rotating":
        h = logging.handlers.RotatingFileHandler(path("out.log"), maxBytes=ROTATE_BYTES, backupCount=200)
        h.setFormatter(logging.Formatter(FMT))
        handlers.append(h)
        log = logger("bench", h)
    else:
        with open(result, "w") as f:
            json.dump({"unsupported": True}, f)
        return

    start_epoch = time.time() * 1000
    t0 = time.perf_counter()
    if scenario == "ten":
        for i in range(n):
            logs[i % 10].info(MSG, i, MS[i % 100])
    elif scenario == "disabled":
        debug = log.debug
        for i in range(n):
            debug(MSG, i, MS[i % 100])
    else:
        info = log.info
        for i in range(n):
            info(MSG, i, MS[i % 100])
    for h in handlers:
        h.flush()
        if h.stream is not sys.stdout:
            h.close()
    sys.stdout.flush()
    elapsed = (time.perf_counter() - t0) * 1000
    with open(result, "w") as f:
        json.dump({"startEpochMs": start_epoch, "elapsedMs": elapsed,
                   "maxRSSKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}, f)


main()
