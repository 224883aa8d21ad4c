import { FAULT_CASES } from './fault-cases.js';
import { runFaultCase } from './run-fault-case.js';

describe('fault injection against the mock server', function () {
  for (const c of FAULT_CASES) {
    it(c.name, async function () {
      if (c.slow) this.timeout(60000);
      await runFaultCase(c);
    });
  }
});
