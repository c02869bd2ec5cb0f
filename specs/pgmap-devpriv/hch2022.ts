// pgmap-devpriv/hch2022: see model.ts and brief §5.4.
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("hch2022"));
