// generic-devdax/ralph2021: see model.ts and brief §5.5.
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("ralph2021"));
