// pgmap-devpriv/v61: see model.ts and brief §5.4.
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("v61"));
