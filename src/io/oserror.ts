/**
 * Node's file errors in Python's words: `FileNotFoundError: [Errno 2] No such
 * file or directory: '/abs/app.log'`.
 */
import { pyError, quoteLikePython, type PyErrorName } from "../py/errors.js";

const KNOWN: Record<string, [PyErrorName, number, string]> = {
  ENOENT: ["FileNotFoundError", 2, "No such file or directory"],
  EACCES: ["PermissionError", 13, "Permission denied"],
  EPERM: ["PermissionError", 1, "Operation not permitted"],
  EISDIR: ["IsADirectoryError", 21, "Is a directory"],
  ENOTDIR: ["OSError", 20, "Not a directory"],
  EEXIST: ["OSError", 17, "File exists"],
  ENOSPC: ["OSError", 28, "No space left on device"],
  EROFS: ["OSError", 30, "Read-only file system"],
  EMFILE: ["OSError", 24, "Too many open files"],
  EPIPE: ["OSError", 32, "Broken pipe"],
  EAGAIN: ["OSError", 11, "Resource temporarily unavailable"],
  EBADF: ["OSError", 9, "Bad file descriptor"],
  EIO: ["OSError", 5, "Input/output error"],
  EDQUOT: ["OSError", 122, "Disk quota exceeded"],
  EFBIG: ["OSError", 27, "File too large"],
};

/** Python's more precise OSError subclasses for codes the union type above does not name. */
const SUBCLASS: Record<string, string> = {
  EPIPE: "BrokenPipeError",
  EAGAIN: "BlockingIOError",
  EEXIST: "FileExistsError",
  ENOTDIR: "NotADirectoryError",
};

/** Converts a Node fs error into Python's exception class and text; the original is the `cause`. */
export function osError(err: unknown, path?: string): Error {
  const e = err as NodeJS.ErrnoException;
  const known = e && typeof e.code === "string" ? KNOWN[e.code] : undefined;
  if (!known) return err instanceof Error ? err : new Error(String(err));
  const [name, errno, text] = known;
  const where = path === undefined ? "" : `: ${quoteLikePython(path)}`;
  const out = pyError(
    name === "OSError" && e.code === "EEXIST" ? "OSError" : name,
    `[Errno ${errno}] ${text}${where}`,
    err,
  );
  if (SUBCLASS[e.code!]) out.name = SUBCLASS[e.code!];
  (out as NodeJS.ErrnoException).code = e.code;
  (out as NodeJS.ErrnoException).errno = errno;
  return out;
}
