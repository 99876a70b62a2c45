import type { Scenario } from "../harness.js";
import { hierarchy } from "./hierarchy.js";
import { dispatch } from "./dispatch.js";
import { printf } from "./printf.js";
import { records } from "./records.js";

export const topics: Record<string, Scenario[]> = {
  hierarchy,
  dispatch,
  printf,
  records,
};

export const allScenarios: Scenario[] = Object.values(topics).flat();
