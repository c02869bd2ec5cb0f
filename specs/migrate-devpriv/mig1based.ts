// migrate-devpriv/mig1based: see model.ts and brief §5.8.
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("mig1based"));
