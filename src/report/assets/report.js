// The HTML audit report's behaviour: the item table with its filters and
// pages, and each item's derivation. Every value from the list is put into
// the page with textContent, never as markup: item names and cells are
// untrusted. State lives in the address's hash (#outcome=keep&item=GA-001),
// so a view can be bookmarked or sent to a colleague.
(function () {
  'use strict';

  var S = JSON.parse(document.getElementById('qz-strings').textContent);
  var ITEMS = JSON.parse(document.getElementById('qz-items').textContent);
  var META = JSON.parse(document.getElementById('qz-meta').textContent);

  // An item is an array (see src/report/html_report.cpp):
  var ROW = 0, ID = 1, NAME = 2, DEPT = 3, STATUS = 4, OUTCOME = 5, MODE = 6, TARGET = 7, RECEIVER = 8,
      RULES = 9, REASONS = 10, CITATIONS = 11, DEFEATED = 12, OUTRANKED = 13, REQUIREMENTS = 14,
      NOT_APPLIED = 15, EVIDENCE = 16, CELLS = 17, ERROR = 18, PROBLEMS = 19, CONFLICT = 20, SOURCES = 21;
  // A condition: [text, let, file, line, column, [[key, value]]].

  var STATUS_IDS = ['decided', 'conflict', 'undecided', 'rejected', 'error'];
  var STATUS_LABELS = ['已决定', '冲突', '未决定', '驳回', '错误'];
  var OUTCOME_IDS = ['cancel', 'keep', 'filing', 'delegate'];
  var OUTCOME_LABELS = ['取消', '保留', '改为备案', '下放'];
  var MODE_IDS = ['authorization', 'entrustment', 'direct'];
  var MODE_LABELS = ['法定授权', '委托实施', '直接下放'];
  var LEVEL_LABELS = {none: '无', normative: '规范性文件', gov_rule: '规章', local_regulation: '地方性法规',
                      admin_regulation: '行政法规', law: '法律'};
  var PAGE = 100;

  function str(i) { return i === null || i === undefined ? '' : S[i]; }
  function strs(list) { return list.map(str); }

  // el('td', {className: 'x'}, 'text', child, …): text arguments become text nodes.
  function el(tag, props) {
    var node = document.createElement(tag);
    if (props) Object.keys(props).forEach(function (k) { node[k] = props[k]; });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  var rulesById = {};
  META.rules.forEach(function (r) { rulesById[r.id] = r; });

  function resultLabel(it) {
    if (it[STATUS] === 0 && it[OUTCOME] !== null) return OUTCOME_LABELS[it[OUTCOME]];
    return STATUS_LABELS[it[STATUS]];
  }
  function resultClass(it) {
    return it[STATUS] === 0 && it[OUTCOME] !== null ? OUTCOME_IDS[it[OUTCOME]] : 'other';
  }

  // ---- filters ---------------------------------------------------------

  var state = {outcome: '', dept: '', rule: '', q: '', page: 0, item: ''};
  var haystacks = null;  // lower-case text per item, built on the first search

  function matches(it, i, ruleIndex) {
    if (state.outcome) {
      var o = OUTCOME_IDS.indexOf(state.outcome);
      if (o >= 0 ? !(it[STATUS] === 0 && it[OUTCOME] === o) : STATUS_IDS[it[STATUS]] !== state.outcome) return false;
    }
    if (state.dept && str(it[DEPT]) !== state.dept) return false;
    if (ruleIndex !== undefined) {
      var fired = it[REQUIREMENTS].some(function (r) { return r[0] === ruleIndex && !r[1]; });
      if (it[RULES].indexOf(ruleIndex) < 0 && !fired) return false;
    }
    if (state.q) {
      if (!haystacks) {
        haystacks = ITEMS.map(function (x) {
          return [str(x[ID]), str(x[NAME]), str(x[DEPT])].concat(strs(x[REASONS])).join('\n').toLowerCase();
        });
      }
      if (haystacks[i].indexOf(state.q.toLowerCase()) < 0) return false;
    }
    return true;
  }

  function filtered() {
    var ruleIndex = state.rule ? S.indexOf(state.rule) : undefined;
    if (ruleIndex === -1) return [];
    var out = [];
    for (var i = 0; i < ITEMS.length; i++) if (matches(ITEMS[i], i, ruleIndex)) out.push(ITEMS[i]);
    return out;
  }

  // ---- the table -------------------------------------------------------

  var tbody = document.querySelector('#item-table tbody');

  function renderTable() {
    var list = filtered();
    var pages = Math.max(1, Math.ceil(list.length / PAGE));
    if (state.page >= pages) state.page = pages - 1;
    var start = state.page * PAGE, end = Math.min(list.length, start + PAGE);
    var fragment = document.createDocumentFragment();
    for (var i = start; i < end; i++) {
      var it = list[i];
      var tr = el('tr', {className: 'item ' + resultClass(it)},
                  el('td', null, it[ROW]), el('td', null, str(it[ID])), el('td', null, str(it[NAME])),
                  el('td', null, str(it[DEPT])), el('td', {className: 'result'}, resultLabel(it)),
                  el('td', null, it[MODE] !== null ? MODE_LABELS[it[MODE]] : ''),
                  el('td', null, str(it[TARGET])), el('td', null, strs(it[RULES]).join('、')));
      tr.dataset.item = str(it[ID]);
      tr.tabIndex = 0;
      fragment.appendChild(tr);
    }
    tbody.textContent = '';
    tbody.appendChild(fragment);
    document.getElementById('count').textContent = list.length
        ? '共 ' + list.length + ' 项，显示第 ' + (start + 1) + '–' + end + ' 项'
        : '没有符合条件的事项';
    document.getElementById('page').textContent = '第 ' + (state.page + 1) + ' / ' + pages + ' 页';
    document.getElementById('prev').disabled = state.page === 0;
    document.getElementById('next').disabled = state.page + 1 >= pages;
  }

  // ---- the derivation --------------------------------------------------

  var panel = document.getElementById('derivation');

  function ruleRef(id) {
    var r = rulesById[id];
    if (!r) return id;
    return id + (r.title ? '「' + r.title + '」' : '') + '（' + r.file + ':' + r.line + '）';
  }

  function fallbackText(f) {
    if (f === 'reject') return '驳回';
    var parts = f.split(' by ');
    var o = OUTCOME_IDS.indexOf(parts[0]);
    var text = o >= 0 ? OUTCOME_LABELS[o] : parts[0];
    if (parts[1]) {
      var m = MODE_IDS.indexOf(parts[1]);
      text += '（' + (m >= 0 ? MODE_LABELS[m] : parts[1]) + '）';
    }
    return text;
  }

  function conditionText(c) {
    var text = c[1] === null ? str(c[0]) : str(c[1]) + '（let ' + str(c[1]) + ' = ' + str(c[0]) + '）';
    var values = c[5].map(function (v) { return str(v[0]) + ' = ' + (v[1] === null ? '（空）' : str(v[1])); });
    return text + '（' + str(c[2]) + ':' + c[3] + ':' + c[4] + (values.length ? '；' + values.join('，') : '') + '）';
  }

  function outcomeText(outcome, mode, target, receiver) {
    var text = OUTCOME_LABELS[outcome];
    if (mode !== null) text += '（' + MODE_LABELS[mode] + '）';
    if (target !== null) text += ' → ' + str(target);
    if (receiver !== null && str(receiver)) text += '，承接主体 ' + str(receiver);
    return text;
  }

  function conclusion(it) {
    switch (it[STATUS]) {
      case 0: return outcomeText(it[OUTCOME], it[MODE], it[TARGET], it[RECEIVER]);
      case 1: return '冲突 — 仍有效的规则结论不一致，引擎不代为选择';
      case 2: return '未决定 — 没有适用的规则，政策也没有 default';
      case 3: return '驳回 — 依据要求未满足，其 else 为 reject';
      default: return '错误 — ' + str(it[ERROR]);
    }
  }

  function section(parent, title, entries) {
    if (!entries.length) return;
    parent.appendChild(el('h3', null, title));
    var ul = el('ul');
    entries.forEach(function (e) { ul.appendChild(typeof e === 'string' ? el('li', null, e) : e); });
    parent.appendChild(ul);
  }

  function showDerivation(it) {
    panel.textContent = '';
    var close = el('button', {type: 'button', className: 'close'}, '关闭');
    close.addEventListener('click', function () { setState({item: ''}); });
    panel.appendChild(close);
    panel.appendChild(el('h2', null, str(it[ID]) + (str(it[NAME]) ? ' ' + str(it[NAME]) : '')));
    panel.appendChild(el('p', {className: 'where'}, META.list + ' 第 ' + it[ROW] + ' 行' +
                         (str(it[DEPT]) ? ' · ' + str(it[DEPT]) : '')));
    panel.appendChild(el('p', {className: 'conclusion ' + resultClass(it)}, '结论：' + conclusion(it)));
    var sources = {};
    it[SOURCES].forEach(function (s) { sources[str(s[0])] = str(s[1]) + ':' + s[2]; });
    section(panel, it[STATUS] === 1 ? '仍有效的规则' : '决定规则', strs(it[RULES]).map(function (id) {
      return id === 'default' && sources['default'] ? 'default（' + sources['default'] + '）' : ruleRef(id);
    }));
    section(panel, '各规则的结论', it[CONFLICT].map(function (c) {
      return str(c[0]) + '：' + outcomeText(c[1], c[2], c[3], c[4]);
    }));
    section(panel, '理由', strs(it[REASONS]));
    section(panel, '引用依据', strs(it[CITATIONS]));
    section(panel, '被推翻的规则', it[DEFEATED].map(function (d) {
      var path = strs(d[2]);
      return ruleRef(str(d[0])) + ' 被 ' + str(d[1]) + ' 推翻' +
             (path.length > 2 ? '（传递覆盖：' + path.join(' → ') + '）' : '');
    }));
    section(panel, '因优先级落选', strs(it[OUTRANKED]).map(ruleRef));
    section(panel, '依据要求', it[REQUIREMENTS].map(function (r) {
      return ruleRef(str(r[0])) + (r[1] ? ' 满足：' : ' 未满足 → 改为' + fallbackText(str(r[2])) + '：不成立的是 ') +
             conditionText(r[3]);
    }));
    section(panel, '未适用的规则', it[NOT_APPLIED].map(function (n) {
      return ruleRef(str(n[0])) + ' 不适用：不成立的是 ' + conditionText(n[1]);
    }));
    section(panel, '数据问题', it[PROBLEMS].map(function (p) {
      return '[' + str(p[0]) + '] ' + (p[1] ? '第 ' + p[1] + ' 列（' + str(p[2]) + '）：' : '') + str(p[4]);
    }));
    section(panel, '证据', it[EVIDENCE].map(function (e) {
      return str(e[0]) + ' = ' + (e[1] === null ? '（空）' : str(e[1]));
    }));
    section(panel, '原始单元格', it[CELLS].map(function (c) {
      var li = el('li', null, str(c[0]) + '（' + str(c[1]) + '，第 ' + c[2] + ' 列）：' + (str(c[3]) || '（空）'));
      if (c[4].length) {
        var ul = el('ul');
        c[4].forEach(function (t) {
          var how = t[3] ? '写明 ' + str(t[4]) : str(t[4]) ? '推定，据“' + str(t[4]) + '”' : '未能推定，按规范性文件';
          if (str(t[5])) how += '与地名“' + str(t[5]) + '”';
          ul.appendChild(el('li', null, '《' + str(t[0]) + '》' + str(t[1]) + ' → ' +
                            (LEVEL_LABELS[str(t[2])] || str(t[2])) + '（' + how + '）'));
        });
        li.appendChild(ul);
      }
      return li;
    }));
    panel.hidden = false;
  }

  // ---- state in the address --------------------------------------------

  function readHash() {
    var next = {outcome: '', dept: '', rule: '', q: '', page: 0, item: ''};
    location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
      if (!pair) return;
      var at = pair.indexOf('=');
      var key = decodeURIComponent(at < 0 ? pair : pair.slice(0, at));
      var value = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, ' '));
      if (key === 'page') next.page = Math.max(0, (parseInt(value, 10) || 1) - 1);
      else if (Object.prototype.hasOwnProperty.call(next, key)) next[key] = value;
    });
    return next;
  }

  function writeHash() {
    var parts = [];
    ['outcome', 'dept', 'rule', 'q', 'item'].forEach(function (k) {
      if (state[k]) parts.push(k + '=' + encodeURIComponent(state[k]));
    });
    if (state.page) parts.push('page=' + (state.page + 1));
    history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search);
  }

  function apply() {
    document.getElementById('f-outcome').value = state.outcome;
    document.getElementById('f-dept').value = state.dept;
    document.getElementById('f-rule').value = state.rule;
    document.getElementById('f-q').value = state.q;
    renderTable();
    var shown = null;
    if (state.item) for (var i = 0; i < ITEMS.length && !shown; i++) if (str(ITEMS[i][ID]) === state.item) shown = ITEMS[i];
    if (shown) showDerivation(shown);
    else panel.hidden = true;
  }

  function setState(changes) {
    Object.keys(changes).forEach(function (k) { state[k] = changes[k]; });
    writeHash();
    apply();
  }

  // ---- set-up ------------------------------------------------------------

  function fillSelect(id, options) {
    var select = document.getElementById(id);
    options.forEach(function (o) { select.appendChild(el('option', {value: o[0]}, o[1])); });
  }
  fillSelect('f-outcome', OUTCOME_IDS.map(function (o, i) { return [o, OUTCOME_LABELS[i]]; })
                              .concat(STATUS_IDS.slice(1).map(function (s, i) { return [s, STATUS_LABELS[i + 1]]; })));
  var departments = {};
  ITEMS.forEach(function (it) { if (str(it[DEPT])) departments[str(it[DEPT])] = true; });
  fillSelect('f-dept', Object.keys(departments).sort().map(function (d) { return [d, d]; }));
  fillSelect('f-rule', META.rules.map(function (r) { return [r.id, r.id + (r.title ? ' ' + r.title : '')]; })
                           .concat([['default', 'default']]));

  document.getElementById('filters').addEventListener('submit', function (e) { e.preventDefault(); });
  document.getElementById('f-outcome').addEventListener('change', function (e) { setState({outcome: e.target.value, page: 0}); });
  document.getElementById('f-dept').addEventListener('change', function (e) { setState({dept: e.target.value, page: 0}); });
  document.getElementById('f-rule').addEventListener('change', function (e) { setState({rule: e.target.value, page: 0}); });
  document.getElementById('f-q').addEventListener('input', function (e) { setState({q: e.target.value, page: 0}); });
  document.getElementById('prev').addEventListener('click', function () { setState({page: state.page - 1}); });
  document.getElementById('next').addEventListener('click', function () { setState({page: state.page + 1}); });
  function openRow(e) {
    var tr = e.target.closest('tr.item');
    if (tr) setState({item: tr.dataset.item});
  }
  tbody.addEventListener('click', openRow);
  tbody.addEventListener('keydown', function (e) { if (e.key === 'Enter') openRow(e); });
  window.addEventListener('hashchange', function () { state = readHash(); apply(); });

  state = readHash();
  apply();
  document.body.dataset.ready = 'true';
})();
