// Messages shown as plain text (the Problems panel, terminals, CI reports) carry no Markdown code spans.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { plainText } from '../../common/plainText';

describe('plainText', () => {
  it('quotes each code span, and leaves spans that bring their own quotes as they are', () => {
    assert.equal(plainText('Use `custom-oidc` for `provider`.'), "Use 'custom-oidc' for 'provider'.");
    assert.equal(plainText('an empty string `""` or `\'{}\'`'), `an empty string "" or '{}'`);
  });
  it('near misses: a lone backtick and a span across lines stay as written', () => {
    assert.equal(plainText('a ` alone'), 'a ` alone');
    assert.equal(plainText('`a\nb`'), '`a\nb`');
  });
});
