// fsdax-idle/dax1based: see model.ts and brief §5.2.
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("dax1based"));
