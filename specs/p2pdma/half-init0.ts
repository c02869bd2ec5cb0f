// p2pdma/half-init0: see model.ts and brief §5.7.
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("half-init0"));
