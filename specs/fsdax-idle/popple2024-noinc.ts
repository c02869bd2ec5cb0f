// fsdax-idle/popple2024-noinc: see model.ts (issue 10).
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("popple2024-noinc"));
