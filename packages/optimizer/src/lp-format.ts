import type { LinearModel, Term } from './model';

// CPLEX LP text of a model, so the same model can be handed to native glpsol, CBC or HiGHS for cross-checks.
// Columns are written as x<i> and rows as r<i> (ranged rows split into r<i>_lo / r<i>_hi): any user name is safe.
// The objective constant is not part of the text; add model.objective.constant to a reported objective.

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(17).replace(/\.?0+(e|$)/, '$1');
}

function linear(terms: readonly Term[]): string {
  if (terms.length === 0) return '0 x0';
  const parts: string[] = [];
  terms.forEach((t, k) => {
    const sign = t.c < 0 ? '-' : '+';
    const lead = k === 0 ? (t.c < 0 ? '- ' : '') : ` ${sign} `;
    parts.push(`${lead}${num(Math.abs(t.c))} x${t.v}${k % 8 === 7 ? '\n  ' : ''}`);
  });
  return parts.join('');
}

export function toCplexLp(model: LinearModel): string {
  const out: string[] = [`\\ ${model.name.replace(/\n/g, ' ')}`, model.sense === 'max' ? 'Maximize' : 'Minimize', ` obj: ${linear(model.objective.terms)}`, 'Subject To'];
  model.constraints.forEach((row, i) => {
    const body = linear(row.terms);
    const hasLb = Number.isFinite(row.lb);
    const hasUb = Number.isFinite(row.ub);
    if (hasLb && hasUb && row.lb === row.ub) out.push(` r${i}: ${body} = ${num(row.lb)}`);
    else if (hasLb && hasUb) {
      out.push(` r${i}_lo: ${body} >= ${num(row.lb)}`);
      out.push(` r${i}_hi: ${body} <= ${num(row.ub)}`);
    } else if (hasLb) out.push(` r${i}: ${body} >= ${num(row.lb)}`);
    else if (hasUb) out.push(` r${i}: ${body} <= ${num(row.ub)}`);
  });
  out.push('Bounds');
  model.variables.forEach((v, i) => {
    const lb = v.kind === 'binary' ? Math.max(0, v.lb) : v.lb;
    const ub = v.kind === 'binary' ? Math.min(1, v.ub) : v.ub;
    if (lb === ub) out.push(` x${i} = ${num(lb)}`);
    else if (!Number.isFinite(lb) && !Number.isFinite(ub)) out.push(` x${i} free`);
    else out.push(` ${Number.isFinite(lb) ? num(lb) : '-inf'} <= x${i} <= ${Number.isFinite(ub) ? num(ub) : '+inf'}`);
  });
  const generals = model.variables.flatMap((v, i) => (v.kind === 'continuous' ? [] : [`x${i}`]));
  if (generals.length > 0) {
    out.push('General');
    for (let k = 0; k < generals.length; k += 10) out.push(` ${generals.slice(k, k + 10).join(' ')}`);
  }
  out.push('End', '');
  return out.join('\n');
}
