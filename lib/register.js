// Registers the tsx loader once per thread (as lib/index.js and bin/mc.js do), so that an
// installed mc's TypeScript sources load; the subpath shims import it before their sources.
import "../src/model/register-loader.js";
