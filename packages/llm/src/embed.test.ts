import { describe, expect, it } from 'vitest';
import { cosine, hashedEmbedding } from './embed';

describe('hashedEmbedding', () => {
  it('is 384 unit-length numbers, the same for the same text', () => {
    const v = hashedEmbedding('Why did revenue drop in week 37?');
    expect(v).toHaveLength(384);
    expect(Math.hypot(...v)).toBeCloseTo(1, 4);
    expect(hashedEmbedding('Why did revenue drop in week 37?')).toEqual(v);
  });

  it('puts related questions closer than unrelated ones', () => {
    const q = hashedEmbedding('why did revenue drop in week 37?');
    const near = hashedEmbedding('why did our revenue fall in week 36');
    const far = hashedEmbedding('how many staff do I need on Friday?');
    expect(cosine(q, near)).toBeGreaterThan(cosine(q, far) + 0.2);
  });
});
