/**
 * The one mapping from Node's system errors to Python's OSError family:
 * `FileNotFoundError: [Errno 2] No such file or directory: '/abs/app.log'`,
 * `ConnectionRefusedError: [Errno 111] Connection refused`. Files, stdio,
 * sockets and the module-level `shutdown` all classify errors through here.
 */
import { constants } from "node:os";
import { pyError, quoteLikePython } from "../py/errors.js";

/** Code → [Python class, errno, strerror] (Linux numbering, as CPython on Linux prints). */
const KNOWN: Record<string, [string, number, string]> = {
  EPERM: ["PermissionError", 1, "Operation not permitted"],
  ENOENT: ["FileNotFoundError", 2, "No such file or directory"],
  ESRCH: ["ProcessLookupError", 3, "No such process"],
  EINTR: ["InterruptedError", 4, "Interrupted system call"],
  EIO: ["OSError", 5, "Input/output error"],
  ENXIO: ["OSError", 6, "No such device or address"],
  EBADF: ["OSError", 9, "Bad file descriptor"],
  ECHILD: ["ChildProcessError", 10, "No child processes"],
  EAGAIN: ["BlockingIOError", 11, "Resource temporarily unavailable"],
  EWOULDBLOCK: ["BlockingIOError", 11, "Resource temporarily unavailable"],
  EACCES: ["PermissionError", 13, "Permission denied"],
  EBUSY: ["OSError", 16, "Device or resource busy"],
  EEXIST: ["FileExistsError", 17, "File exists"],
  EXDEV: ["OSError", 18, "Invalid cross-device link"],
  ENOTDIR: ["NotADirectoryError", 20, "Not a directory"],
  EISDIR: ["IsADirectoryError", 21, "Is a directory"],
  EINVAL: ["OSError", 22, "Invalid argument"],
  EMFILE: ["OSError", 24, "Too many open files"],
  ETXTBSY: ["OSError", 26, "Text file busy"],
  EFBIG: ["OSError", 27, "File too large"],
  ENOSPC: ["OSError", 28, "No space left on device"],
  ESPIPE: ["OSError", 29, "Illegal seek"],
  EROFS: ["OSError", 30, "Read-only file system"],
  EPIPE: ["BrokenPipeError", 32, "Broken pipe"],
  ENAMETOOLONG: ["OSError", 36, "File name too long"],
  ENOTEMPTY: ["OSError", 39, "Directory not empty"],
  ELOOP: ["OSError", 40, "Too many levels of symbolic links"],
  ENOTSOCK: ["OSError", 88, "Socket operation on non-socket"],
  EMSGSIZE: ["OSError", 90, "Message too long"],
  EPROTOTYPE: ["OSError", 91, "Protocol wrong type for socket"],
  EADDRINUSE: ["OSError", 98, "Address already in use"],
  EADDRNOTAVAIL: ["OSError", 99, "Cannot assign requested address"],
  ENETDOWN: ["OSError", 100, "Network is down"],
  ENETUNREACH: ["OSError", 101, "Network is unreachable"],
  ECONNABORTED: ["ConnectionAbortedError", 103, "Software caused connection abort"],
  ECONNRESET: ["ConnectionResetError", 104, "Connection reset by peer"],
  ENOBUFS: ["OSError", 105, "No buffer space available"],
  ENOTCONN: ["OSError", 107, "Transport endpoint is not connected"],
  ETIMEDOUT: ["TimeoutError", 110, "Connection timed out"],
  ECONNREFUSED: ["ConnectionRefusedError", 111, "Connection refused"],
  EHOSTDOWN: ["OSError", 112, "Host is down"],
  EHOSTUNREACH: ["OSError", 113, "No route to host"],
  EDQUOT: ["OSError", 122, "Disk quota exceeded"],
};

/** Python's OSError subclasses (the classes `except OSError` catches). */
const OS_ERROR_NAMES = new Set([
  "OSError",
  "BlockingIOError",
  "BrokenPipeError",
  "ChildProcessError",
  "ConnectionError",
  "ConnectionAbortedError",
  "ConnectionRefusedError",
  "ConnectionResetError",
  "FileExistsError",
  "FileNotFoundError",
  "InterruptedError",
  "IsADirectoryError",
  "NotADirectoryError",
  "PermissionError",
  "ProcessLookupError",
  "TimeoutError",
]);

const ERRNO = constants.errno as Record<string, number>;

/**
 * Converts a Node system error into Python's exception class and text; the
 * original error is the `cause`, its `code` is kept and `errno` is Python's.
 * `path` (and `path2`, as `os.rename` shows `'a' -> 'b'`) are quoted as
 * Python quotes them. Errors without a system error code come back unchanged.
 *
 * @example
 * osError(nodeErr, "/var/log/app.log").message
 * // "[Errno 13] Permission denied: '/var/log/app.log'"
 */
export function osError(err: unknown, path?: string, path2?: string): Error {
  const e = err as NodeJS.ErrnoException | null | undefined;
  const code = e && typeof e.code === "string" ? e.code : undefined;
  const known = code === undefined ? undefined : KNOWN[code];
  if (!known) {
    if (code !== undefined && ERRNO[code] !== undefined && err instanceof Error && err.name === "Error") {
      // A system error this table does not name: Python's class, Node's text.
      const out = pyError("OSError", `[Errno ${ERRNO[code]}] ${err.message}`, err);
      (out as NodeJS.ErrnoException).code = code;
      (out as NodeJS.ErrnoException).errno = ERRNO[code];
      return out;
    }
    return err instanceof Error ? err : new Error(String(err));
  }
  const [name, errno, text] = known;
  let where = "";
  if (path !== undefined) where = `: ${quoteLikePython(path)}`;
  if (path !== undefined && path2 !== undefined) where += ` -> ${quoteLikePython(path2)}`;
  const out = pyError("OSError", `[Errno ${errno}] ${text}${where}`, err);
  out.name = name;
  (out as NodeJS.ErrnoException).code = code;
  (out as NodeJS.ErrnoException).errno = errno;
  return out;
}

/**
 * True for what Python's `except OSError` would catch: an error named after
 * a class of the OSError family, or a Node error carrying a system error
 * code (`ENOENT`, `EPIPE`, …) or a stream-state code (`ERR_STREAM_…`, Python's
 * "I/O operation on closed file" family).
 */
export function isOSError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (OS_ERROR_NAMES.has(err.name)) return true;
  return typeof (err as NodeJS.ErrnoException).code === "string";
}
