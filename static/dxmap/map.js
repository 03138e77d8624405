/* The Map page's Leaflet map, as a Streamlit component (no build step, no outside request).
 *
 * What never changes for a data version (boundaries; each village's position, name and tooltip figures) comes
 * once, as two JSON files the browser caches ("geo" and "villages"). Each script run sends only what the
 * filter changes: one style character per village ("-" = not shown), one class character per commune, the
 * selected area, the view to fit. Each part is redrawn only when it changed.
 * Villages are drawn on one canvas; their tooltips are built on hover from the lookup tables. A click sends
 * {properties: {k, code | c}} back (k: d district, c commune, v village), as a GeoJSON feature would.
 */
(function () {
  "use strict";

  // ---- Streamlit's component protocol (what streamlit-component-lib does) ----------------------------------
  function send(type, data) {
    window.parent.postMessage(Object.assign({isStreamlitMessage: true, type: type}, data || {}), "*");
  }
  function setValue(value) {
    send("streamlit:setComponentValue", {value: value, dataType: "json"});
  }

  var map = null, args = null, drawn = {}, geo = null, geoKey = null, villages = null, villagesKey = null;
  var loading = {}, tip = null, tipHtml = null, attributions = [];
  var provinceLayer = null, districtLayer = null, communeLayer = null, bordersLayer = null, selectionLayer = null;
  var tileLayer = null, communeLayers = [], dots = null, marks = null, ready = false, renders = 0;
  var rings = null, changedTips = {};  // the villages that changed during the month shown: ring, tooltip line
  var builds = {geo: 0, villages: 0, communes: 0, points: 0, bases: 0, fit: 0}, drawMs = null;
  var fitted = null;  // the view fit() set ("waiting": the frame had no room yet), see fit()

  // ---- one canvas for every point -----------------------------------------------------------------------
  var Dots = L.Layer.extend({
    initialize: function () {
      this._lat = []; this._lon = []; this._style = []; this._styles = []; this._order = [];
      this._xy = new Float32Array(0);
    },
    onAdd: function (m) {
      this._canvas = L.DomUtil.create("canvas", "dx-dots leaflet-zoom-hide");
      this._canvas.style.pointerEvents = "none";
      m.getPane("dxDots").appendChild(this._canvas);
      m.on("moveend zoomend resize viewreset", this.redraw, this);
      this.redraw();
    },
    onRemove: function (m) {
      L.DomUtil.remove(this._canvas);
      m.off("moveend zoomend resize viewreset", this.redraw, this);
    },
    /* lat, lon: arrays; style: style index per point (-1 = hidden); styles: [{radius, fillColor, fillOpacity,
       color, weight, z}]: points of a higher z are drawn later (on top). */
    setPoints: function (lat, lon, style, styles, tipFn, clickFn) {
      this._lat = lat; this._lon = lon; this._style = style; this._styles = styles;
      this._tip = tipFn; this._click = clickFn;
      var order = [];
      for (var i = 0; i < style.length; i++) { if (style[i] >= 0) order.push(i); }
      order.sort(function (a, b) { return (styles[style[a]].z || 0) - (styles[style[b]].z || 0) || a - b; });
      this._order = order;
      this.redraw();
    },
    count: function () { return this._order.length; },
    redraw: function () {
      if (!this._map) return;
      var m = this._map, size = m.getSize(), dpr = window.devicePixelRatio || 1, c = this._canvas;
      var origin = m.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(c, origin);
      c.width = size.x * dpr; c.height = size.y * dpr;
      c.style.width = size.x + "px"; c.style.height = size.y + "px";
      var ctx = c.getContext("2d");
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      // layer pixels (they change with the zoom only, so a pan or a resize never makes the hit test stale)
      var order = this._order, xy = new Float64Array(order.length * 2);
      for (var k = 0; k < order.length; k++) {
        var p = m.latLngToLayerPoint([this._lat[order[k]], this._lon[order[k]]]);
        xy[2 * k] = p.x; xy[2 * k + 1] = p.y;
      }
      this._xy = xy;
      // one path per run of the same style: few canvas state changes, drawn in z order
      var start = 0;
      while (start < order.length) {
        var s = this._style[order[start]], st = this._styles[s], end = start;
        while (end < order.length && this._style[order[end]] === s) end++;
        ctx.beginPath();
        for (var j = start; j < end; j++) {
          var x = xy[2 * j] - origin.x, y = xy[2 * j + 1] - origin.y;
          if (x < -20 || y < -20 || x > size.x + 20 || y > size.y + 20) continue;
          ctx.moveTo(x + st.radius, y);
          ctx.arc(x, y, st.radius, 0, 2 * Math.PI);
        }
        if (st.fill !== false) {
          ctx.globalAlpha = st.fillOpacity == null ? 0.2 : st.fillOpacity;
          ctx.fillStyle = st.fillColor || st.color;
          ctx.fill();
        }
        if (st.weight) {
          ctx.globalAlpha = st.opacity == null ? 1 : st.opacity;
          ctx.strokeStyle = st.color; ctx.lineWidth = st.weight;
          ctx.stroke();
        }
        start = end;
      }
      ctx.globalAlpha = 1;
    },
    /* The point under a container pixel (the one drawn on top), or -1. */
    hit: function (containerPoint) {
      if (!this._map) return -1;
      var xy = this._xy, order = this._order, pt = this._map.containerPointToLayerPoint(containerPoint);
      for (var k = order.length - 1; k >= 0; k--) {
        var st = this._styles[this._style[order[k]]], r = st.radius + (st.weight || 0) / 2 + 1;
        var dx = xy[2 * k] - pt.x, dy = xy[2 * k + 1] - pt.y;
        if (dx * dx + dy * dy <= r * r) return order[k];
      }
      return -1;
    },
    /* Container pixels of every drawn point (for tests and for finding a free spot). */
    points: function () {
      var out = [], m = this._map;
      for (var k = 0; k < this._order.length; k++) {
        out.push(m.layerPointToContainerPoint([this._xy[2 * k], this._xy[2 * k + 1]]));
      }
      return out.map(function (p) { return {x: p.x, y: p.y}; });
    },
    latLng: function (i) { return L.latLng(this._lat[i], this._lon[i]); },
    tipOf: function (i) { return this._tip ? this._tip(i) : ""; },
    clickOf: function (i) { return this._click ? this._click(i) : null; }
  });

  // ---- tooltips: one, filled on hover ---------------------------------------------------------------------
  function showTip(html, latlng) {
    if (!html) { hideTip(); return; }
    if (!tip) tip = L.tooltip({className: "dx-tip", direction: "auto", offset: [12, 0], opacity: 0.95});
    if (html !== tipHtml) { tip.setContent(html); tipHtml = html; }
    tip.setLatLng(latlng);
    if (!map.hasLayer(tip)) tip.addTo(map);
  }
  function hideTip() {
    if (tip && map.hasLayer(tip)) map.removeLayer(tip);
  }

  function villageTip(i) {
    var v = villages, lab = args.labels, c = v.c[i], teams = v.t[i] || [], allowed = args.team_types || [];
    var names = [];
    for (var k = 0; k < teams.length; k++) {
      var ti = teams[k];
      if (!allowed.length || allowed.indexOf(v.team_type[ti]) >= 0) names.push(v.team_name[ti]);
    }
    var teamText = names.length ? names.slice(0, 3).join(", ") : lab.no_team;
    if (names.length > 3) teamText += " " + lab.more.replace("{n}", String(names.length - 3));
    var gaps = [], bits = v.g[i];
    for (var g = 0; g < lab.gaps.length; g++) { if (bits & (1 << g)) gaps.push(lab.gaps[g]); }
    return "<b>" + v.name[i] + "</b><br>" + lab.commune + ": " + v.cname[c] + " · " + lab.district + ": " +
      v.dname[c] + "<br>" + lab.gaps_label + ": " + (gaps.length ? gaps.join(", ") : lab.no_gap) + "<br>" +
      lab.population + ": " + v.pop[i] + " · " + lab.eid + ": " + v.eid[i] + "<br>" + lab.teams + ": " + teamText +
      (changedTips[i] ? "<br><b>" + changedTips[i] + "</b>" : "");
  }

  function communeTip(i) {
    var lab = args.labels, sh = args.communes || {}, nv = geo.communes.villages[i];
    var text = "<b>" + geo.communes.name[i] + "</b> · " + geo.communes.parent[i] + "<br>" + lab.villages + ": " +
      (nv == null ? "–" : nv);
    if (sh.label) text += "<br>" + sh.label + ": " + sh.values[i];
    return text + "<br><i>" + lab.click_commune + "</i>";
  }

  // ---- map and base layers -------------------------------------------------------------------------------
  function createMap() {
    // the arrow keys move between areas (below), not the view: Leaflet's own keyboard panning is off
    map = L.map("map", {preferCanvas: true, zoomSnap: 0.25, zoomDelta: 0.5, keyboard: false});
    map.getContainer().setAttribute("tabindex", "0");
    map.getContainer().setAttribute("role", "application");
    map.getContainer().addEventListener("keydown", onKey);
    map.getContainer().addEventListener("focus", function () { if (!keyed) announce(args.labels.keys_hint); });
    // The first view is the area to show (the outlines are then drawn once), when the frame has its height;
    // else the province, and the area once the data is in.
    if (document.getElementById("map").clientHeight >= args.height - 4) {
      fit();
      drawn.fit = JSON.stringify(args.fit);
    } else {
      map.setView(args.home.center, args.home.zoom);
    }
    window.map = map;
    map.on("resize", refit);
    map.attributionControl.setPrefix("Leaflet");
    L.control.scale({metric: true, imperial: false}).addTo(map);
    map.createPane("dxDots").style.zIndex = 450;
    // Leaflet focuses the map on mousedown; scrolling the page then would move the map under the pointer.
    map.getContainer().focus = function (options) {
      HTMLElement.prototype.focus.call(this, Object.assign({}, options, {preventScroll: true}));
    };
    dots = new Dots().addTo(map);
    rings = new Dots().addTo(map);  // around the villages that changed in the month shown, above their dots
    marks = new Dots().addTo(map);  // team bases, above the villages
    map.on("mousemove", onMove);
    map.on("mouseout", hideTip);
    map.on("click", onClick);
  }

  /* The point layer and point under a container pixel: team bases first, then villages. */
  function pointAt(pt) {
    var i = marks.hit(pt);
    if (i >= 0) return {layer: marks, i: i};
    i = dots.hit(pt);
    return i >= 0 ? {layer: dots, i: i} : null;
  }

  function onMove(e) {
    var hit = pointAt(e.containerPoint);
    if (hit) {
      map.getContainer().style.cursor = hit.layer.clickOf(hit.i) ? "pointer" : "";
      showTip(hit.layer.tipOf(hit.i), e.latlng);
      return;
    }
    var area = areaAt(e.latlng);
    map.getContainer().style.cursor = area ? "pointer" : "";
    showTip(area ? area.dxTip() : null, e.latlng);
  }

  /* The commune (else the district) under a point: the same polygon test Leaflet's canvas uses, so the
     tooltip and the click always name the same area. */
  function areaAt(latlng) {
    var p = map.latLngToLayerPoint(latlng), found = null;
    function look(l) {
      if (!found && l._parts && l._parts.length && l.getBounds().contains(latlng) && l._containsPoint(p)) found = l;
    }
    for (var i = communeLayers.length - 1; i >= 0 && !found; i--) { if (communeLayers[i]) look(communeLayers[i]); }
    if (!found && districtLayer) districtLayer.eachLayer(look);
    return found;
  }

  function onClick(e) {
    var hit = pointAt(e.containerPoint), value = hit ? hit.layer.clickOf(hit.i) : null;
    var area = value ? null : areaAt(e.latlng);
    if (area) value = {k: area.feature.properties.k, code: area.feature.properties.code};
    if (value) setValue({properties: value, n: Date.now()});
  }

  // ---- the keyboard: one area after another, Enter opens it as a click does ------------------------------
  var keyed = null, keyList = [], keyMark = null, live = null;

  function announce(text) {
    if (!live) {
      live = document.createElement("div");
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      live.className = "dx-live";
      document.body.appendChild(live);
    }
    live.textContent = text || "";
  }

  /* The areas a click would open next: the communes of the selected district (or of the selected commune's
     district), else the districts, else every commune; in name order. */
  function keyAreas() {
    var g = geo, sel = args.selected, list = [], parent = null;
    if (sel && g.districts.code.indexOf(sel) >= 0) parent = sel;
    else if (sel && g.communes.code.indexOf(sel) >= 0) parent = (g.communes.pcode || [])[g.communes.code.indexOf(sel)];
    communeLayers.forEach(function (l, i) {
      if (l && parent && (g.communes.pcode || [])[i] === parent) list.push({layer: l, k: "c", code: g.communes.code[i]});
    });
    if (!list.length && districtLayer) {
      districtLayer.eachLayer(function (l) { list.push({layer: l, k: "d", code: l.feature.properties.code}); });
    }
    if (!list.length) {
      communeLayers.forEach(function (l, i) { if (l) list.push({layer: l, k: "c", code: g.communes.code[i]}); });
    }
    list.forEach(function (a) { a.text = plain(a.layer.dxTip()); });
    return list.sort(function (a, b) { return a.text.localeCompare(b.text, args.lang || "vi"); });
  }

  function plain(markup) {
    var div = document.createElement("div");
    div.innerHTML = markup.replace(/<br>/g, ". ");
    div.querySelectorAll("i").forEach(function (el) { el.remove(); });  // "click to open": Enter here
    return div.textContent.replace(/\.\s*\.\s*$/, "").replace(/[.\s]+$/, "");
  }

  function markArea(area) {
    if (keyMark) map.removeLayer(keyMark);
    keyMark = L.geoJson(area.layer.toGeoJSON(), {interactive: false,
      style: {color: "#0b5394", weight: 4, dashArray: "6 4", fill: false}}).addTo(map);
    var centre = area.layer.getBounds().getCenter();
    if (!map.getBounds().contains(centre)) map.panTo(centre);
    showTip(area.layer.dxTip(), centre);
  }

  function moveKey(step) {
    if (!geo) return;
    if (keyed === null || !keyList.length) { keyList = keyAreas(); }
    if (!keyList.length) return;
    var at = keyed === null ? (step > 0 ? 0 : keyList.length - 1)
      : (keyList.indexOf(keyed) + step + keyList.length) % keyList.length;
    keyed = keyList[at];
    markArea(keyed);
    var lab = args.labels;
    announce(keyed.text + ". " + lab.key_position.replace("{i}", at + 1).replace("{n}", keyList.length) + ". " +
      lab.key_open + ".");
  }

  function onKey(e) {
    var step = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1}[e.key];
    if (step) { moveKey(step); e.preventDefault(); return; }
    if (e.key === "Home" || e.key === "End") { keyed = null; moveKey(e.key === "Home" ? 1 : -1); e.preventDefault(); return; }
    if ((e.key === "Enter" || e.key === " ") && keyed) {
      setValue({properties: {k: keyed.k, code: keyed.code}, n: Date.now()});
      e.preventDefault();
      return;
    }
    if (e.key === "+" || e.key === "=") { map.zoomIn(); e.preventDefault(); }
    if (e.key === "-" || e.key === "_") { map.zoomOut(); e.preventDefault(); }
    if (e.key === "Escape") { clearKey(); hideTip(); }
  }

  function clearKey() {
    if (keyMark) { map.removeLayer(keyMark); keyMark = null; }
    keyed = null; keyList = [];
  }

  function geometryLayer(geoms, props, style, interactive) {
    var features = geoms.map(function (g, i) { return {type: "Feature", geometry: g, properties: props[i]}; });
    return L.geoJson({type: "FeatureCollection", features: features}, {interactive: interactive, style: style});
  }

  function buildBase() {
    var g = geo;
    provinceLayer = geometryLayer(g.province, g.province.map(function () { return {}; }), provinceStyle(), false)
      .addTo(map);
    var dprops = g.districts.code.map(function (c) { return {k: "d", code: c}; });
    districtLayer = geometryLayer(g.districts.geom, dprops, {color: "#37474f", weight: 1.5, fill: true,
                                                             fillOpacity: 0.0}, false).addTo(map);
    districtLayer.eachLayer(function (l) {
      var i = g.districts.code.indexOf(l.feature.properties.code);
      l.dxTip = function () { return "<b>" + g.districts.name[i] + "</b><br>" + args.labels.click_district; };
    });
    var cprops = g.communes.code.map(function (c, i) { return {k: "c", code: c, i: i}; });
    communeLayer = geometryLayer(g.communes.geom, cprops, {color: "#78909c", weight: 0.7, fillOpacity: 0.0}, false)
      .addTo(map);
    communeLayers = [];
    communeLayer.eachLayer(function (l) {
      var i = l.feature.properties.i;
      communeLayers[i] = l;
      l.dxTip = function () { return communeTip(i); };
    });
    bordersLayer = geometryLayer(g.districts.geom, dprops, {color: "#263238", weight: 2, fill: false}, false)
      .addTo(map);
    drawn = {fit: drawn.fit};
  }

  function provinceStyle() {
    return {color: "#263238", weight: 3, fill: !args.tiles, fillColor: "#ffffff", fillOpacity: 1.0};
  }

  // ---- the parts a script run changes --------------------------------------------------------------------
  var CLASS_STYLES = null;
  function shade() {
    var sh = args.communes || {}, classes = sh.classes || "";
    if (!CLASS_STYLES) {
      var outline = {color: "#78909c", weight: 0.7};
      CLASS_STYLES = args.class_colours.map(function (c) {
        return Object.assign({}, outline, {fillColor: c, fillOpacity: 1.0});  // as the legend: ≥ 3:1 on white
      });
      CLASS_STYLES.push(Object.assign({}, outline, {fillColor: args.no_data_colour, fillOpacity: 1.0}));
      CLASS_STYLES.push(Object.assign({}, outline, {fillOpacity: 0.0}));
    }
    for (var i = 0; i < communeLayers.length; i++) {
      var cls = classes ? parseInt(classes.charAt(i), 10) : 5;
      if (communeLayers[i]) communeLayers[i].setStyle(CLASS_STYLES[isNaN(cls) ? 5 : cls]);
    }
  }

  function select() {
    if (selectionLayer) { map.removeLayer(selectionLayer); selectionLayer = null; }
    var code = args.selected, geoms = [];
    if (!code) return;
    var c = geo.communes.code.indexOf(code), d = geo.districts.code.indexOf(code);
    if (c >= 0) geoms.push(geo.communes.geom[c]);
    else if (d >= 0) geoms.push(geo.districts.geom[d]);
    if (!geoms.length) return;
    selectionLayer = geometryLayer(geoms, [{}], {color: "#0b5394", weight: 4, fill: false}, false).addTo(map);
  }

  function points() {
    var p = args.points;
    if (p.kind === "v") {
      var n = villages.lat.length, style = new Int16Array(n), s = p.styles_of || "";
      for (var i = 0; i < n; i++) { var ch = s.charCodeAt(i); style[i] = (isNaN(ch) || ch === 45) ? -1 : ch - 48; }
      dots.setPoints(villages.lat, villages.lon, style, p.styles, villageTip, function (i) {
        return {k: "v", c: villages.code[villages.c[i]]};
      });
    } else {  // one dot per commune (or per team base): positions, styles and tooltips come with the run
      var lab = args.labels;
      dots.setPoints(p.lat, p.lon, p.style, p.styles, function (i) {
        if (p.tip) return p.tip[i];
        return "<b>" + p.name[i] + "</b><br>" + lab.villages + ": " + p.villages[i] + " · " + lab.gaps_label + ": " +
          p.with_gap[i];
      }, function (i) { return p.code ? {k: "c", code: p.code[i]} : null; });
    }
  }

  /* A ring around each shown village that changed during the month the map shows; its tooltip says how. */
  function drawRings() {
    var c = args.changed;
    changedTips = {};
    if (!c || !villages || args.points.kind !== "v") { rings.setPoints([], [], [], [], null, null); return; }
    var lat = [], lon = [], style = [];
    for (var k = 0; k < c.i.length; k++) {
      var i = c.i[k];
      changedTips[i] = c.tip[k];
      if (dots._style[i] < 0) continue;
      lat.push(villages.lat[i]); lon.push(villages.lon[i]); style.push(0);
    }
    rings.setPoints(lat, lon, style, [c.style], null, null);
  }

  function setTiles() {
    if (args.tiles && !tileLayer) {
      tileLayer = L.tileLayer(args.osm.url, {attribution: args.osm.attribution}).addTo(map);
      tileLayer.bringToBack();
    } else if (!args.tiles && tileLayer) {
      map.removeLayer(tileLayer); tileLayer = null;
    }
    if (provinceLayer) provinceLayer.setStyle(provinceStyle());
  }

  function setCredit() {
    attributions.forEach(function (a) { map.attributionControl.removeAttribution(a); });
    attributions = args.credit ? [args.credit] : [];
    attributions.forEach(function (a) { map.attributionControl.addAttribution(a); });
  }

  /* The view of the area to show. A frame not yet laid out (no taller or wider than the padding) would get
     Leaflet's largest zoom on a corner of the area: the fit then waits for the frame's size. Until the person
     moves the map, the view is fitted again whenever the frame changes size. */
  function fit() {
    var f = args.fit, size = map.getSize();
    if (size.x <= 2 * f.padding || size.y <= 2 * f.padding) { fitted = "waiting"; return; }
    map.fitBounds(f.bounds, {maxZoom: f.max_zoom, padding: [f.padding, f.padding], animate: false});
    fitted = {center: map.getCenter(), zoom: map.getZoom()};
  }

  function refit() {
    if (fitted === "waiting") { fit(); return; }
    if (!fitted || map.getZoom() !== fitted.zoom) return;
    var moved = map.latLngToContainerPoint(fitted.center).distanceTo(map.getSize().divideBy(2));
    if (moved <= 2) fit();  // still the fitted view (a resize keeps the center)
  }

  function changed(name, value) {
    var text = JSON.stringify(value === undefined ? null : value);
    if (drawn[name] === text) return false;
    drawn[name] = text;
    return true;
  }

  // ---- loading what is cached by the browser ---------------------------------------------------------------
  function load(part, ref, done) {
    if (ref.data) { done(ref.data); return; }
    if (loading[part] === ref.key) return;
    loading[part] = ref.key;
    var boot = window.dxBoot, files = boot ? boot.files : {};
    if (!files[ref.key]) {
      files[ref.key] = fetch(ref.url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }
    files[ref.key].then(function (data) {
      delete files[ref.key];
      loading[part] = null;
      done(data);
    }).catch(function () {
      delete files[ref.key];
      loading[part] = null;
      setValue({missing: part, n: Date.now()});  // the page then sends it with the next run
    });
  }

  function render() {
    renders++;
    if (!map) createMap();
    if (args.villages && args.villages.key !== villagesKey && args.geo.key !== geoKey) {
      load("villages", args.villages, function (data) {  // fetched beside the outlines, not after them
        if (args.villages && args.villages.key !== villagesKey) {
          villages = data; villagesKey = args.villages.key; drawn.points = null; builds.villages++;
        }
        if (geoKey === args.geo.key) render();
      });
    }
    if (args.geo.key !== geoKey) {
      load("geo", args.geo, function (data) {
        if (args.geo.key !== geoKey) {
          geo = data; geoKey = args.geo.key;
          [provinceLayer, districtLayer, communeLayer, bordersLayer, selectionLayer].forEach(function (l) {
            if (l) map.removeLayer(l);
          });
          selectionLayer = null;
          performance.mark("dx-geo");
          buildBase();
          builds.geo++;
          performance.mark("dx-base");
        }
        render();
      });
      return;
    }
    if (args.villages && args.villages.key !== villagesKey) {
      load("villages", args.villages, function (data) {
        if (args.villages && args.villages.key !== villagesKey) {
          villages = data; villagesKey = args.villages.key; drawn.points = null; builds.villages++;
        }
        render();
      });
      if (!villages) return;
    }
    var t0 = performance.now();
    performance.mark("dx-parts");
    if (changed("tiles", args.tiles)) setTiles();
    if (changed("credit", args.credit)) setCredit();
    if (changed("communes", [args.communes, args.labels])) { shade(); builds.communes++; }
    if (changed("selected", args.selected)) select();
    if (changed("fit", args.fit)) { fit(); builds.fit++; }
    if (changed("points", [args.points, args.team_types, args.labels, villagesKey])) { points(); builds.points++; }
    if (changed("rings", [args.changed, args.points, villagesKey])) drawRings();
    if (changed("bases", args.bases)) {
      builds.bases++;
      var b = args.bases || {lat: [], lon: [], tip: [], styles: []};
      marks.setPoints(b.lat, b.lon, b.lat.map(function () { return 0; }), b.styles, function (i) {
        return b.tip[i];
      }, null);
    }
    tipHtml = null;
    hideTip();
    drawMs = performance.now() - t0;
    performance.mark("dx-drawn");
    ready = true;
    window.dxMap.drawnRun = args.run;
  }

  /* The frame names itself and its buttons in the page's language (the page's own iframe title would be the
     component's module path). */
  function nameFrame() {
    var lab = args.labels || {};
    document.documentElement.lang = args.lang || "vi";
    if (lab.frame_title) {
      document.title = lab.frame_title;
      try { if (window.frameElement) window.frameElement.setAttribute("title", lab.frame_title); } catch (e) {}
      map.getContainer().setAttribute("aria-label", lab.frame_title);
    }
    [["in", lab.zoom_in], ["out", lab.zoom_out]].forEach(function (pair) {
      var button = document.querySelector(".leaflet-control-zoom-" + pair[0]);
      if (button && pair[1]) { button.title = pair[1]; button.setAttribute("aria-label", pair[1]); }
    });
  }

  function onRender(spec) {
    var before = args && args.selected;
    args = spec;
    render();
    nameFrame();
    if (before !== spec.selected) clearKey();  // another area is open: the keys start from its own areas
  }

  // What tests and the benchmark read.
  window.dxMap = {
    get ready() { return ready; },
    drawnRun: null,
    villageCount: function () { return dots ? dots.count() : 0; },
    shadedCommunes: function () {
      var n = 0;
      communeLayers.forEach(function (l) { if (l && l.options.fillOpacity > 0.3) n++; });
      return n;
    },
    points: function () { return dots ? dots.points() : []; },
    /* The village drawn at (lat, lon): its dot's fill colour (null when hidden) and its tooltip's text. */
    villageAt: function (lat, lon) {
      if (!dots || !villages) return null;
      for (var i = 0; i < dots._lat.length; i++) {
        if (Math.abs(dots._lat[i] - lat) > 1e-5 || Math.abs(dots._lon[i] - lon) > 1e-5) continue;
        var s = dots._style[i], text;
        showTip(dots.tipOf(i), dots.latLng(i)); text = tip.getElement().innerText; hideTip();
        return {fill: s >= 0 ? dots._styles[s].fillColor : null, tip: text, ring: s >= 0 && !!changedTips[i]};
      }
      return null;
    },
    /* Every tooltip the points can show, each put in the real tooltip and read back as text. */
    allTipTexts: function () {
      var out = [];
      [dots, marks].forEach(function (layer) {
        layer._order.forEach(function (i) {
          showTip(layer.tipOf(i), layer.latLng(i)); out.push(tip.getElement().innerText);
        });
      });
      var areas = communeLayers.slice();
      if (districtLayer) districtLayer.eachLayer(function (l) { areas.push(l); });
      areas.forEach(function (l) {
        if (!l) return;
        showTip(l.dxTip(), l.getBounds().getCenter()); out.push(tip.getElement().innerText);
      });
      hideTip();
      return out;
    },
    renders: function () { return renders; },
    /* How often each part was (re)built, and how long the last run's redraw took (ms). */
    builds: function () { return Object.assign({}, builds); },
    drawMs: function () { return drawMs; },
    baseCount: function () { return marks ? marks.count() : 0; },
    /* How many villages carry the ring of a change during the month shown. */
    changedCount: function () { return rings ? rings.count() : 0; },
    tilesOn: function () { return !!tileLayer; },
    /* The area the last drawn run selected and fitted (code), once the parts are drawn. */
    shownArea: function () { return ready && args ? args.selected : undefined; }
  };

  // index.html said "ready" and keeps receiving the runs' messages; from now on they come here
  performance.mark("dx-ready");
  window.dxBoot.onRender = onRender;
  if (window.dxBoot.args) onRender(window.dxBoot.args);
})();
