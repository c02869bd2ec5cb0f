// pgmap-gup/devmap2017-getpage: see model.ts (issue 10).
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("devmap2017-getpage"));
