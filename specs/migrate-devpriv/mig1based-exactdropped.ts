// migrate-devpriv/mig1based-exactdropped: see model.ts (issue 10).
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("mig1based-exactdropped"));
