// fsdax-idle/dax1based-norecheck: see model.ts (issue 10).
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("dax1based-norecheck"));
