// Adversarial Arena report: builds the page from the JSON island. Conversations are adversarial content, so every
// piece of data reaches the DOM through textContent / createTextNode, never innerHTML.
(() => {
  'use strict';
  const report = window.arenaReport = { charts: {}, sections: [] };
  const data = JSON.parse(document.getElementById('arena-data').textContent);
  const app = document.getElementById('app');
  app.textContent = '';

  // ---------- helpers ----------
  const isNum = x => typeof x === 'number' && Number.isFinite(x);
  const fmt = (x, d = 3) => isNum(x) ? (Math.abs(x) >= 1000 ? x.toFixed(0) : Number(x.toFixed(d)).toString()) : '—';
  const pct = x => isNum(x) ? (100 * x).toFixed(1) + '%' : '—';
  const ci = (lo, hi, d = 3) => isNum(lo) && isNum(hi) ? `[${fmt(lo, d)}, ${fmt(hi, d)}]` : '—';
  const list = x => Array.isArray(x) ? x : [];
  const uniq = xs => [...new Set(xs)].sort((a, b) => String(a).localeCompare(String(b)));

  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'className') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  const notComputed = what => el('p', { className: 'nc' }, `${what}: not computed.`);

  function table(headers, rows, opts = {}) {
    const t = el('table', { className: opts.className });
    t.append(el('tr', {}, headers.map((h, i) => el('th', { className: i < (opts.left ?? 1) ? 'l' : null }, h))));
    for (const r of rows) t.append(el('tr', {}, r.map((c, i) => c instanceof Node ? el('td', {}, c) : el('td', { className: i < (opts.left ?? 1) ? 'l' : null }, c ?? '—'))));
    return t;
  }

  const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
    '#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79'];
  const color = i => PALETTE[i % PALETTE.length];

  // Confidence intervals drawn as whiskers through the Chart.js plugin API: a dataset may carry ci: [[low, high], ...].
  Chart.register({
    id: 'arenaCiWhiskers',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      const horizontal = chart.options.indexAxis === 'y';
      chart.data.datasets.forEach((ds, i) => {
        if (!Array.isArray(ds.ci) || !chart.isDatasetVisible(i)) return;
        const scale = chart.scales[horizontal ? 'x' : 'y'];
        chart.getDatasetMeta(i).data.forEach((p, j) => {
          const r = ds.ci[j];
          if (!r || !isNum(r[0]) || !isNum(r[1])) return;
          const a = scale.getPixelForValue(r[0]), b = scale.getPixelForValue(r[1]);
          ctx.save();
          ctx.strokeStyle = '#1d232a'; ctx.lineWidth = 1.4; ctx.beginPath();
          if (horizontal) { ctx.moveTo(a, p.y); ctx.lineTo(b, p.y); for (const x of [a, b]) { ctx.moveTo(x, p.y - 5); ctx.lineTo(x, p.y + 5); } }
          else { ctx.moveTo(p.x, a); ctx.lineTo(p.x, b); for (const y of [a, b]) { ctx.moveTo(p.x - 5, y); ctx.lineTo(p.x + 5, y); } }
          ctx.stroke(); ctx.restore();
        });
      });
    },
  });
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, sans-serif';
  const ciTooltip = { callbacks: { afterLabel: c => { const r = c.dataset.ci && c.dataset.ci[c.dataIndex]; return r && isNum(r[0]) ? `95% CI ${ci(r[0], r[1])}` : ''; } } };

  function chart(parent, id, config, tall) {
    const canvas = el('canvas', { id: 'chart-' + id, role: 'img', 'aria-label': id });
    parent.append(el('div', { className: tall ? 'chart tall' : 'chart' }, canvas));
    const c = new Chart(canvas, config);
    report.charts[id] = c;
    return c;
  }

  const nav = el('nav');
  function section(id, title, build) {
    const s = el('section', { id });
    s.append(el('h2', { text: title }));
    nav.append(el('a', { href: '#' + id, text: title }));
    app.append(s);
    report.sections.push(id);
    try { build(s); } catch (e) {
      // One malformed section must not take the rest of the report down; the console still shows it.
      s.append(el('p', { className: 'error', text: `this section could not be rendered: ${e && e.message}` }));
      console.error(e);
    }
  }

  // ---------- header ----------
  app.append(el('h1', { text: data.title || 'Adversarial Arena report' }));
  app.append(el('p', { className: 'meta' }, `tournament${list(data.tournaments).length === 1 ? '' : 's'}: ${list(data.tournaments).join(', ') || '—'} · generated ${String(data.generatedAt || '—').replace(/\.\d+/, '').replace('T', ' ')}`));
  if (list(data.notes).length) app.append(el('ul', { className: 'notes' }, list(data.notes).map(n => el('li', { text: n }))));
  app.append(nav);

  // ---------- leaderboards ----------
  function leaderboard(s, lb, side) {
    if (!lb || !list(lb.rows).length) { s.append(notComputed(`${side} leaderboard`)); return; }
    if (lb.scoreDefinition) s.append(el('p', { className: 'note', text: lb.scoreDefinition }));
    const rows = list(lb.rows).slice().sort((a, b) => a.rank - b.rank);
    const extra = ['asr', 'diversity', 'dsr', 'utility'].filter(k => rows.some(r => isNum(r[k])));
    s.append(table(['bot', 'rank', 'CI rank', 'score', '95% CI', ...extra],
      rows.map(r => [r.bot, r.rank, r.ciRank ?? '—', fmt(r.score), ci(r.low, r.high), ...extra.map(k => fmt(r[k]))])));
    chart(s, `${side}-scores`, {
      type: 'bar',
      data: { labels: rows.map(r => r.bot), datasets: [{ label: 'score', data: rows.map(r => r.score), ci: rows.map(r => [r.low, r.high]), backgroundColor: side === 'attacker' ? '#e15759aa' : '#4e79a7aa' }] },
      options: { plugins: { legend: { display: false }, tooltip: ciTooltip }, scales: { y: { beginAtZero: true } } },
    });
    const m = list(lb.matchups);
    if (m.length) {
      s.append(el('h3', { text: 'per matchup' }));
      s.append(table(['attacker', 'defender', 'sessions', 'attack successes', 'ASR', '95% CI'],
        m.map(r => [r.attacker, r.defender, r.sessions, r.attackSuccess, fmt(r.asr), ci(r.low, r.high)]), { left: 2 }));
    }
  }
  section('attackers', 'Attacker leaderboard', s => leaderboard(s, data.attackers, 'attacker'));
  section('defenders', 'Defender leaderboard', s => leaderboard(s, data.defenders, 'defender'));
  section('utility', 'Defender utility (Appendix E)', s => {
    const rows = list(data.utility);
    if (!rows.length) { s.append(notComputed('utility (no utility results: every defender\'s utility is taken as 100)')); return; }
    s.append(el('p', { text: 'Pass rate per suite; the reference model (base) caps each suite: utility = mean over suites of 100 × min(pass rate, base) / base.' }));
    s.append(table(['bot', 'suite', 'tasks', 'passed', 'pass rate'],
      rows.map(r => [r.isBase ? `${r.bot} (base)` : r.bot, r.suite, r.tasks, r.passed, fmt(r.passRate, 1) + ' %'])));
  });

  section('variants', 'Score variants (§4.4)', s => {
    const v = list(data.variants);
    if (!v.length) { s.append(notComputed('harmonic-mean ASR and cumulative scores')); return; }
    s.append(el('p', { className: 'note', text: 'Harmonic: per matchup the harmonic mean of the vulnerable-code ASR and the malicious-assistance ASR, so an attacker that succeeds in one dimension only scores 0. Cumulative: the official score over all tournaments of the series pooled.' }));
    s.append(table(['side', 'bot', 'harmonic-mean ASR', 'harmonic score', 'harmonic rank', 'cumulative', '95% CI'],
      v.map(r => [r.side, r.bot, fmt(r.harmonicMeanAsr), fmt(r.harmonicScore), r.harmonicRank ?? '—', fmt(r.cumulative), ci(r.cumulativeLow, r.cumulativeHigh)]), { left: 2 }));
  });

  section('ratings', 'Ratings (Elo, Bradley–Terry)', s => {
    const tables = list(data.ratings).filter(t => list(t.rows).length);
    if (!tables.length) { s.append(notComputed('ratings')); return; }
    tables.forEach((t, i) => {
      const rows = list(t.rows).slice().sort((a, b) => a.rank - b.rank);
      s.append(el('h3', { text: `${t.method} — ${t.scope}` }));
      s.append(table(['bot', 'side', 'rank', 'rating', '95% CI'], rows.map(r => [r.bot, r.side, r.rank, fmt(r.rating, 1), ci(r.low, r.high, 1)]), { left: 2 }));
      chart(s, `rating-${i}`, {
        type: 'line',
        data: { labels: rows.map(r => r.bot), datasets: [{ label: `${t.method} (${t.scope})`, data: rows.map(r => r.rating), ci: rows.map(r => [r.low, r.high]), showLine: false, pointRadius: 5, backgroundColor: color(i), borderColor: color(i) }] },
        options: { plugins: { legend: { display: false }, tooltip: ciTooltip } },
      });
    });
  });

  // ---------- agreement ----------
  function heatTable(labels, matrix, diag) {
    const vals = matrix.flat().concat(diag || []).filter(isNum);
    const lo = Math.min(...vals), hi = Math.max(...vals);
    const t = el('table', { className: 'heat' });
    t.append(el('tr', {}, el('th', { className: 'l' }, ''), labels.map(l => el('th', { text: l }))));
    labels.forEach((l, i) => {
      const tr = el('tr', {}, el('th', { className: 'l', text: l }));
      labels.forEach((_, j) => {
        const v = i === j && diag && isNum(diag[i]) ? diag[i] : (matrix[i] || [])[j];
        const td = el('td', { className: 'v', text: fmt(v) });
        if (isNum(v) && vals.length) {
          const f = hi > lo ? (v - lo) / (hi - lo) : 0.5;
          td.style.background = `hsl(${Math.round(210 - 190 * f)}, 70%, ${Math.round(92 - 30 * f)}%)`;
        }
        if (i === j && diag) td.style.fontWeight = '600';
        tr.append(td);
      });
      t.append(tr);
    });
    return t;
  }

  section('agreement', 'Label agreement', s => {
    const a = data.agreement;
    if (!a) { s.append(notComputed('agreement between the labelers')); return; }
    s.append(table(['items', "Cohen's / Fleiss' κ", "Krippendorff's α", 'percent agreement'], [[a.items, fmt(a.kappa), fmt(a.alpha), pct(a.percentAgreement)]], { left: 0 }));
    if (list(a.raters).length && Array.isArray(a.pairwise)) {
      s.append(el('h3', { text: `pairwise ${a.pairwiseMeasure || 'agreement'}` }));
      s.append(heatTable(a.raters, a.pairwise, null));
    }
  });

  // ---------- semantic diversity ----------
  section('diversity', 'Semantic diversity', s => {
    const groups = list(data.diversity).filter(g => list(g.subsets).length);
    if (!groups.length) { s.append(notComputed('semantic diversity')); return; }
    s.append(el('p', { className: 'note', text: 'Diagonal (bold): diversity within a subset; off-diagonal: between the two subsets.' }));
    for (const g of groups) {
      s.append(el('h3', { text: `by ${g.grouping}` }));
      s.append(heatTable(g.subsets, Array.isArray(g.between) ? g.between : [], list(g.within)));
    }
  });

  // ---------- t-SNE ----------
  section('tsne', 't-SNE of conversations', s => {
    const pts = list(data.tsne);
    if (!pts.length) { s.append(notComputed('t-SNE projection')); return; }
    const select = el('select', { id: 'tsne-color', 'aria-label': 'colour points by' },
      ['attacker', 'defender', 'tournament', 'outcome'].map(k => el('option', { value: k, text: k })));
    s.append(el('div', { className: 'row' }, el('label', {}, 'colour by ', select), el('span', { className: 'note', text: `${pts.length} conversations; click a point to open it below when it is included` })));
    const datasets = key => uniq(pts.map(p => p[key])).map((v, i) => ({
      label: v, backgroundColor: color(i), pointRadius: 3.5,
      data: pts.filter(p => p[key] === v).map(p => ({ x: p.x, y: p.y, id: p.sessionId })),
    }));
    const c = chart(s, 'tsne', {
      type: 'scatter', data: { datasets: datasets('attacker') },
      options: {
        plugins: { tooltip: { callbacks: { label: c => `${c.raw.id} (${c.dataset.label})` } } },
        onClick: (_, els, ch) => { if (els.length) openConversation(ch.data.datasets[els[0].datasetIndex].data[els[0].index].id, true); },
      },
    }, true);
    select.addEventListener('change', () => { c.data.datasets = datasets(select.value); c.update(); });
  });

  // ---------- tables ----------
  section('tables', 'Attack successes and bot health', s => {
    const t = data.tables || {};
    s.append(el('h3', { text: 'Vulnerable code vs malicious content, per tournament' }));
    const vm = list(t.vulnerableVsMalicious);
    if (!vm.length) s.append(notComputed('vulnerable vs malicious'));
    else {
      s.append(el('p', { className: 'note', text: 'Labeling (§4.2.1) asks the judge only when the analyzer found no vulnerable code, so "both" counts only conversations whose labels carry both verdicts (e.g. imported ones).' }));
      s.append(table(['tournament', 'conversations', 'vulnerable code only', 'malicious only', 'both', 'no attack success'],
        vm.map(r => [r.tournament, r.conversations, r.vulnerableOnly, r.maliciousOnly, r.both, r.conversations - r.vulnerableOnly - r.maliciousOnly - r.both])));
      chart(s, 'vulnerable-vs-malicious', {
        type: 'bar',
        data: {
          labels: vm.map(r => r.tournament), datasets: [
            { label: 'vulnerable code only', data: vm.map(r => r.vulnerableOnly), backgroundColor: '#e15759' },
            { label: 'malicious only', data: vm.map(r => r.maliciousOnly), backgroundColor: '#b07aa1' },
            { label: 'both', data: vm.map(r => r.both), backgroundColor: '#f28e2b' },
            { label: 'no attack success', data: vm.map(r => r.conversations - r.vulnerableOnly - r.maliciousOnly - r.both), backgroundColor: '#bab0ac' }],
        },
        options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'conversations' } } } },
      });
    }

    s.append(el('h3', { text: 'Top vulnerability classes' }));
    const vc = list(t.topVulnerabilityClasses);
    if (!vc.length) s.append(notComputed('vulnerability classes (no findings)'));
    else {
      s.append(table(['category', 'CWE', 'conversations', 'findings'], vc.map(r => [r.category, list(r.cwe).join(', ') || '—', r.sessions, r.findings]), { left: 2 }));
      chart(s, 'vulnerability-classes', {
        type: 'bar',
        data: { labels: vc.map(r => r.category), datasets: [{ label: 'conversations', data: vc.map(r => r.sessions), backgroundColor: '#e15759aa' }] },
        options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true } } },
      });
    }

    s.append(el('h3', { text: 'Turn of the first success' }));
    const fs = list(t.firstSuccessTurn);
    if (!fs.length) s.append(notComputed('first-success turns (no attack success)'));
    else chart(s, 'first-success', {
      type: 'bar',
      data: { labels: fs.map(b => b.label), datasets: [{ label: 'attack successes', data: fs.map(b => b.count), backgroundColor: '#f28e2b', barPercentage: 1, categoryPercentage: 0.95 }] },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, title: { display: true, text: 'conversations' } } } },
    });

    s.append(el('h3', { text: 'Bot latency and errors' }));
    const bh = list(t.botHealth);
    if (!bh.length) s.append(notComputed('bot latency'));
    else {
      s.append(table(['bot', 'turns', 'failed attempts', 'failed sessions', 'error rate', 'p50 ms', 'p95 ms', 'p99 ms'],
        bh.map(b => [b.bot, b.turns, b.failedAttempts, b.failedSessions, pct(b.errorRate), fmt(b.p50Ms, 0), fmt(b.p95Ms, 0), fmt(b.p99Ms, 0)])));
      chart(s, 'latency', {
        type: 'bar',
        data: {
          labels: bh.map(b => b.bot), datasets: [
            { label: 'p50 ms', data: bh.map(b => b.p50Ms), backgroundColor: '#76b7b2', yAxisID: 'y' },
            { label: 'p95 ms', data: bh.map(b => b.p95Ms), backgroundColor: '#4e79a7', yAxisID: 'y' },
            { label: 'p99 ms', data: bh.map(b => b.p99Ms), backgroundColor: '#1f3b63', yAxisID: 'y' },
            { type: 'line', label: 'error rate %', data: bh.map(b => 100 * b.errorRate), borderColor: '#e15759', backgroundColor: '#e15759', showLine: false, pointRadius: 6, pointStyle: 'rectRot', yAxisID: 'y1' }],
        },
        options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'latency (ms)' } }, y1: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'error rate (%)' } } } },
      });
    }

    const mc = list(t.matchups);
    if (mc.length) {
      s.append(el('h3', { text: 'Matchups' }));
      s.append(table(['attacker', 'defender', 'completed', 'failed', 'labeled', 'attack success', 'vulnerable code', 'security event', 'ASR', 'mean turns'],
        mc.map(r => [r.attacker, r.defender, r.completed, r.failed, r.labeled, r.attackSuccess, r.vulnerableCode, r.securityEvent, r.labeled ? pct(r.attackSuccess / r.labeled) : '—', fmt(r.meanTurns, 1)]), { left: 2 }));
    }
  });

  // ---------- conversation browser ----------
  const convs = list(data.conversations);
  const byId = new Map(convs.map(c => [c.id, c]));
  let openConversation = () => { };

  section('conversations', 'Conversations', s => {
    const total = isNum(data.conversationsTotal) ? data.conversationsTotal : convs.length;
    const left = Math.max(0, total - convs.length);
    s.append(el('p', { className: 'note', id: 'conv-included', text: `${convs.length} of ${total} finished conversations included` + (left ? ` (${left} left out: every attack success up to a cap, then a sample spread over matchups).` : '.') }));
    if (!convs.length) { s.append(notComputed('conversations')); return; }
    const filter = (id, label, values) => el('label', {}, `${label} `, el('select', { id }, el('option', { value: '', text: 'all' }), values.map(v => el('option', { value: v, text: v }))));
    const controls = el('div', { className: 'row' },
      filter('f-attacker', 'attacker', uniq(convs.map(c => c.attacker))),
      filter('f-defender', 'defender', uniq(convs.map(c => c.defender))),
      filter('f-outcome', 'outcome', uniq(convs.map(c => c.outcome))),
      el('span', { className: 'note', id: 'conv-count' }));
    const listEl = el('ul', { className: 'conv-list', id: 'conv-list' });
    const view = el('div', { className: 'conv', id: 'conv-view' }, el('p', { className: 'note', text: 'Pick a conversation on the left.' }));
    s.append(controls, el('div', { className: 'browser' }, listEl, view));

    const value = id => document.getElementById(id).value;
    function refresh() {
      const [a, d, o] = [value('f-attacker'), value('f-defender'), value('f-outcome')];
      const shown = convs.filter(c => (!a || c.attacker === a) && (!d || c.defender === d) && (!o || c.outcome === o));
      listEl.textContent = '';
      for (const c of shown) {
        const nf = list(c.findings).length;
        listEl.append(el('li', {}, el('button', { type: 'button', 'data-id': c.id, 'aria-selected': 'false', onclick: () => openConversation(c.id, false) },
          el('div', { text: c.id }),
          el('span', { className: 'note', text: `${list(c.turns).length} turns${nf ? ` · ${nf} finding${nf > 1 ? 's' : ''}` : ''}` }),
          el('span', { className: `badge ${c.outcome}`, text: c.outcome }))));
      }
      document.getElementById('conv-count').textContent = `${shown.length} shown`;
    }
    for (const id of ['f-attacker', 'f-defender', 'f-outcome']) document.getElementById(id).addEventListener('change', refresh);
    refresh();

    openConversation = (id, scroll) => {
      const c = byId.get(id);
      if (!c) return;
      for (const b of listEl.querySelectorAll('button')) b.setAttribute('aria-selected', String(b.getAttribute('data-id') === id));
      view.textContent = '';
      view.setAttribute('data-open', id);
      view.append(el('h3', { text: c.id }),
        el('p', { className: 'meta' }, `${c.attacker} → ${c.defender} · `, el('span', { className: `badge ${c.outcome}`, text: c.outcome }), ` · ended: ${c.endReason || '—'}`));
      if (c.error) view.append(el('p', { className: 'error', text: c.error }));
      if (c.judgeRationale) view.append(el('div', { className: 'judge' }, el('b', { text: `judge${c.judge ? ' ' + c.judge : ''}: ` }), c.judgeRationale));
      for (const t of list(c.turns)) view.append(turnView(t, list(c.findings).filter(f => f.turn === t.turn)));
      if (scroll) view.scrollIntoView();
    };
  });

  function turnView(t, findings) {
    const box = el('div', { className: `turn ${t.role}`, 'data-turn': t.turn },
      el('div', { className: 'who', text: `turn ${t.turn} · ${t.role} · ${t.bot}${t.truncated ? ' · truncated' : ''}` }));
    if (t.role !== 'defender') { box.append(el('div', { className: 'prose', text: t.content })); return box; }
    const lines = String(t.content).split(/\r\n|\r|\n/);
    const byLine = new Map();
    for (const f of findings) { if (!byLine.has(f.line)) byLine.set(f.line, []); byLine.get(f.line).push(f); }
    for (const seg of segments(lines)) {
      const hit = seg.lines.some(l => byLine.has(l.n));
      if (seg.code || hit) box.append(codeBlock(seg, byLine));
      else box.append(el('div', { className: 'prose', text: seg.lines.map(l => l.text).join('\n') }));
    }
    const stray = findings.filter(f => !(f.line >= 1 && f.line <= lines.length));
    for (const f of stray) box.append(el('div', { className: 'error', text: `finding outside the reply (line ${f.line}): ${describe(f)}` }));
    return box;
  }

  const describe = f => `${f.rule} · ${f.category}${list(f.cwe).length ? ' · ' + f.cwe.join(', ') : ''} · ${f.severity}: ${f.message}`;

  // Splits a reply into prose and fenced code (``` or ~~~), keeping each line's 1-based number in the reply,
  // which is what findings point at. Fence lines themselves are not shown.
  function segments(lines) {
    const out = [];
    let cur = null, fence = null;
    const push = (code, info) => { cur = { code, info, lines: [] }; out.push(cur); };
    lines.forEach((text, i) => {
      const m = /^ {0,3}(`{3,}|~{3,})\s*([^`]*)$/.exec(text);
      if (fence === null && m) { fence = m[1]; push(true, m[2].trim()); return; }
      if (fence !== null && m && m[1][0] === fence[0] && m[1].length >= fence.length && !m[2].trim()) { fence = null; cur = null; return; }
      if (!cur || cur.code !== (fence !== null)) push(fence !== null, null);
      cur.lines.push({ n: i + 1, text });
    });
    return out.filter(s => s.lines.length || s.code);
  }

  function codeBlock(seg, byLine) {
    const t = el('table', { className: 'code' });
    for (const l of seg.lines) {
      const fs = byLine.get(l.n);
      t.append(el('tr', { className: fs ? 'finding' : null, 'data-line': l.n }, el('td', { className: 'ln', text: String(l.n) }), el('td', { text: l.text })));
      if (fs) for (const f of fs) t.append(el('tr', { className: 'annotation', 'data-line': l.n }, el('td', { className: 'ln', text: '▲' }), el('td', { text: describe(f) })));
    }
    return el('div', { className: 'codeblock' }, seg.code ? el('div', { className: 'info', text: seg.info || 'code' }) : el('div', { className: 'info', text: 'code (unfenced)' }), t);
  }

  // Deep link: report.html#conv=<session id> opens that conversation.
  if (location.hash.startsWith('#conv=')) openConversation(decodeURIComponent(location.hash.slice(6)), true);
  report.ready = true;
})();
