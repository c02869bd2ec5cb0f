// `import "mc/vitest"` in an installed mc: registers tsx (see lib/index.js), then the matchers.
import "./index.js";

await import("../src/vitest.ts");
