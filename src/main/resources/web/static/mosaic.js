// Mosaic's only script (the Content-Security-Policy allows no inline script): CSRF header for htmx and fetch,
// ECharts from data-chart attributes, and dragging student cards between classes.
(function () {
  'use strict';

  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute('content') : '';
  }

  document.addEventListener('htmx:configRequest', function (e) {
    e.detail.headers['X-CSRF-Token'] = csrf();
  });

  // Chart kinds: bar (default), stack (stacked bars), hbar (horizontal bars whose category labels stay left of the
  // plot even when bars are negative), scatter (two value axes, one labelled point each, the chosen one marked) and
  // intervals (one horizontal row per label: a dot at the mean, coloured by its group, and a whisker from low to high).
  function chartOption(data) {
    var kind = data.kind || 'bar';
    if (kind === 'intervals') { return intervalsOption(data); }
    var base = { animation: false, legend: { top: 0 }, tooltip: { trigger: kind === 'scatter' ? 'item' : 'axis' } };
    if (kind === 'scatter') {
      base.grid = { left: 64, right: 32, top: 40, bottom: 56, containLabel: true };
      base.xAxis = { type: 'value', name: data.xName, nameLocation: 'middle', nameGap: 30, scale: true };
      base.yAxis = { type: 'value', name: data.yName, nameLocation: 'middle', nameGap: 48, scale: true };
      base.series = [{
        name: data.seriesName || 'dial', type: 'scatter', symbolSize: 12,
        data: data.points.map(function (p) {
          return {
            value: [p.x, p.y], name: p.label,
            symbolSize: p.chosen ? 22 : 12,
            itemStyle: p.chosen ? { color: '#e63946', borderColor: '#1d3557', borderWidth: 2 } : { color: '#457b9d' },
            label: { show: true, position: 'right', formatter: p.label + (p.chosen ? ' (chosen)' : ''),
              fontWeight: p.chosen ? 'bold' : 'normal' }
          };
        }),
        tooltip: { formatter: function (it) { return it.name + ': ' + it.value[0] + ', ' + it.value[1]; } }
      }];
      return base;
    }
    var horizontal = kind === 'hbar';
    var category = { type: 'category', data: data.labels, axisLine: { onZero: false },
      axisLabel: horizontal ? { width: 220, overflow: 'truncate' } : { interval: 0, rotate: data.labels.length > 6 ? 30 : 0 } };
    var value = { type: 'value', name: horizontal ? data.xName : data.yName,
      nameLocation: horizontal ? 'middle' : 'end', nameGap: horizontal ? 28 : 12,
      nameTextStyle: horizontal ? {} : { align: 'left' } };
    // Rotated category labels reach left of the first bar: leave them room.
    var rotated = !horizontal && data.labels.length > 6;
    base.grid = { left: rotated ? 64 : 16, right: 24, top: 36, bottom: horizontal ? 44 : 24, containLabel: true };
    base.xAxis = horizontal ? value : category;
    base.yAxis = horizontal ? category : value;
    base.series = data.series.map(function (s) {
      return { name: s.name, type: 'bar', data: s.data, stack: kind === 'stack' ? 'all' : undefined };
    });
    return base;
  }

  var GROUP_COLORS = ['#e63946', '#457b9d', '#2a9d8f', '#f4a261', '#1d3557'];

  function intervalsOption(data) {
    return {
      animation: false,
      tooltip: { trigger: 'item' },
      grid: { left: 16, right: 32, top: 16, bottom: 44, containLabel: true },
      xAxis: { type: 'value', name: data.xName, nameLocation: 'middle', nameGap: 28, scale: true },
      yAxis: { type: 'category', data: data.labels, inverse: true, axisLabel: { width: 260, overflow: 'truncate' } },
      series: [{
        name: '95% of draws', type: 'custom', silent: true, data: data.whiskers,
        renderItem: function (params, api) {
          if (api.value(1) === null || api.value(2) === null) { return null; }
          var lo = api.coord([api.value(1), api.value(0)]);
          var hi = api.coord([api.value(2), api.value(0)]);
          var cap = 5;
          var style = { stroke: '#555', lineWidth: 1.5 };
          return { type: 'group', children: [
            { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: style },
            { type: 'line', shape: { x1: lo[0], y1: lo[1] - cap, x2: lo[0], y2: lo[1] + cap }, style: style },
            { type: 'line', shape: { x1: hi[0], y1: hi[1] - cap, x2: hi[0], y2: hi[1] + cap }, style: style }
          ] };
        },
        encode: { x: [1, 2], y: 0 }
      }].concat(data.series.map(function (s) {
        return {
          name: s.name, type: 'scatter', symbolSize: 11, z: 3,
          data: s.data.map(function (p) {
            return { value: p.value, itemStyle: { color: GROUP_COLORS[p.group % GROUP_COLORS.length] } };
          }),
          tooltip: { formatter: function (it) { return data.labels[it.value[1]] + ': ' + it.value[0]; } }
        };
      }))
    };
  }

  function renderCharts(root) {
    if (typeof echarts === 'undefined') { return; }
    var scope = root || document;
    var els = Array.prototype.slice.call(scope.querySelectorAll('[data-chart]'));
    if (scope.hasAttribute && scope.hasAttribute('data-chart')) { els.push(scope); }
    els.forEach(function (el) {
      var data = JSON.parse(el.getAttribute('data-chart'));
      var chart = echarts.getInstanceByDom(el) || echarts.init(el);
      chart.setOption(chartOption(data), true);
    });
  }

  document.addEventListener('htmx:afterSwap', function (e) { renderCharts(e.target); });

  // Pointer events, not HTML5 drag and drop: the same code serves mouse, touch and pen.
  var dragged = null;
  var over = null;

  function columnAt(x, y) {
    var el = document.elementFromPoint(x, y);
    return el ? el.closest('.column') : null;
  }

  function onDown(e) {
    var card = e.target.closest('.card');
    if (!card || e.target.closest('button')) { return; }
    dragged = card;
    card.classList.add('dragging');
    e.preventDefault();
  }

  function onMove(e) {
    if (!dragged) { return; }
    var col = columnAt(e.clientX, e.clientY);
    if (over && over !== col) { over.classList.remove('drop-target'); }
    over = col;
    if (over) { over.classList.add('drop-target'); }
  }

  function onUp(e) {
    if (!dragged) { return; }
    var card = dragged;
    dragged = null;
    card.classList.remove('dragging');
    if (over) { over.classList.remove('drop-target'); }
    var col = columnAt(e.clientX, e.clientY);
    over = null;
    var from = card.closest('.column');
    if (!col || col === from) { return; }
    col.appendChild(card);
    moveCard(card.getAttribute('data-student'), col.getAttribute('data-section'));
  }

  function moveCard(student, section) {
    var board = document.getElementById('board');
    var body = new URLSearchParams();
    body.set('student', student);
    body.set('section', section);
    fetch('/schools/' + encodeURIComponent(board.getAttribute('data-school')) + '/classes/move', {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrf(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      credentials: 'same-origin'
    }).then(function (r) { return r.text().then(function (t) { return { ok: r.ok, text: t }; }); })
      .then(function (r) {
        var metrics = document.getElementById('metrics');
        if (r.ok) {
          metrics.innerHTML = r.text;
          renderCharts(metrics);
        } else {
          metrics.insertAdjacentHTML('afterbegin', '<p class="error">The move was not saved; reload the page.</p>');
        }
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    renderCharts(document);
    var board = document.getElementById('board');
    if (board) {
      board.addEventListener('pointerdown', onDown);
      document.addEventListener('pointermove', onMove);
      document.addEventListener('pointerup', onUp);
    }
  });

  // The browser tests read these to check that a chart drew data.
  window.mosaicChartPoints = function (id) {
    var el = document.getElementById(id);
    var chart = el && typeof echarts !== 'undefined' ? echarts.getInstanceByDom(el) : null;
    if (!chart) { return 0; }
    // Only points with a value count: a bar chart of nulls drew nothing.
    return chart.getOption().series.reduce(function (n, s) {
      return n + s.data.filter(function (v) {
        var x = v !== null && typeof v === 'object' && !Array.isArray(v) ? v.value : v;
        return x !== null && x !== undefined && !(Array.isArray(x) && x.some(function (c) { return c === null; }));
      }).length;
    }, 0);
  };
}());
