// pgmap-gup/dax2015-specgrab: see model.ts (issue 10).
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("dax2015-specgrab"));
