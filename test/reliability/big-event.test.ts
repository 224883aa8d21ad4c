// The heaviest fault case, in a file of its own so its time does not count against the rest of the
// fault suite: a 5 MB single event takes 10–23 s in Chromium and Firefox and about 78 s in WebKit.
import { bigEventCases } from './fault-cases.js';
import { runFaultCase } from './run-fault-case.js';

describe('fault injection: a 5 MB single event', function () {
  for (const c of bigEventCases()) {
    it(c.name, async function () {
      this.timeout(240000);
      await runFaultCase(c);
    });
  }
});
