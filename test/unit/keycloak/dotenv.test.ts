// The client secret written into a .env file beside the config (issue 22, item 10): the value is written as it is,
// whatever characters Keycloak or the person chose.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withEnvVariable } from '../../../keycloak/settings';

describe('withEnvVariable', () => {
  // `$'`, `$&`, `` $` ``, `$1` and `$$` are replacement patterns of String.replace with a string.
  for (const secret of ["a$'b", 'a$&b', 'a$`b', 'a$1b', 'a$$b', "$'$&$`"]) {
    test(`replaces an existing assignment with ${JSON.stringify(secret)} verbatim`, () => {
      const text = 'A=1\nOIDC_CLIENT_SECRET=old\nB=2\n';
      assert.equal(withEnvVariable(text, 'OIDC_CLIENT_SECRET', secret), `A=1\nOIDC_CLIENT_SECRET=${secret}\nB=2\n`);
    });
  }

  test('appends when the variable is not set, with a line break before it when the file lacks one', () => {
    assert.equal(withEnvVariable('A=1', 'OIDC_CLIENT_SECRET', "x$'y"), "A=1\nOIDC_CLIENT_SECRET=x$'y\n");
    assert.equal(withEnvVariable('', 'OIDC_CLIENT_SECRET', 's'), 'OIDC_CLIENT_SECRET=s\n');
  });
});
