// The fault cases too heavy for every `npm test` (tens of seconds per engine): `npm run stress`.
import { stressCases } from '../reliability/fault-cases.js';
import { runFaultCase } from '../reliability/run-fault-case.js';

describe('fault injection: the big sizes', function () {
  for (const c of stressCases()) {
    it(c.name, async function () {
      this.timeout(180000);
      await runFaultCase(c);
    });
  }
});
