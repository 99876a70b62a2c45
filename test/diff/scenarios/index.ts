import type { Scenario } from "../harness.js";
import { hierarchy } from "./hierarchy.js";
import { dispatch } from "./dispatch.js";
import { printf } from "./printf.js";
import { records } from "./records.js";
import { levels } from "./levels.js";
import { filters } from "./filters.js";
import { adapters } from "./adapters.js";
import { styles } from "./styles.js";
import { strftime } from "./strftime.js";
import { validation } from "./validation.js";
import { basicconfig } from "./basicconfig.js";
import { files } from "./files.js";
import { rotation } from "./rotation.js";
import { errors } from "./errors.js";
import { sharing } from "./sharing.js";
import { config } from "./config.js";
import { fileconfig } from "./fileconfig.js";

export const topics: Record<string, Scenario[]> = {
  hierarchy,
  dispatch,
  printf,
  records,
  levels,
  filters,
  adapters,
  styles,
  strftime,
  validation,
  basicconfig,
  files,
  rotation,
  errors,
  sharing,
  config,
  fileconfig,
};

export const allScenarios: Scenario[] = Object.values(topics).flat();
