// pgmap-gup/dax2015: see model.ts and brief §5.3.
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("dax2015"));
