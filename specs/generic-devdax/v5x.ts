// generic-devdax/v5x: see model.ts and brief §5.5.
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("v5x"));
