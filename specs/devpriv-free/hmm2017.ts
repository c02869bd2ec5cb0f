// devpriv-free/hmm2017: see model.ts and brief §5.1.
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("hmm2017"));
