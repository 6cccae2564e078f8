#!/usr/bin/env bash
# Rebuild lianxin/core/static/vendor/echarts/echarts.min.js: ECharts with only the chart types, components
# and renderer the dashboard and the big screen use (scripts/echarts/entry.js), not the whole library.
# The full build is 1.1 MB of script to parse (368 KB gzipped); this one is measured in docs/figures.md.
#
# Needs node and npm (the npm registry); the pinned versions make the output reproducible. The result is
# committed, so neither the demo nor a deployment needs node. Run from anywhere: scripts/build_echarts.sh
set -euo pipefail
ECHARTS_VERSION=6.1.0
ESBUILD_VERSION=0.28.2

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/lianxin/core/static/vendor/echarts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --save-exact "echarts@$ECHARTS_VERSION" "esbuild@$ESBUILD_VERSION" >/dev/null
cp "$root/scripts/echarts/entry.js" entry.js

# The sources' Apache header is an ordinary comment, which minifiers drop: put it back as the banner, with
# what the file holds, so the shipped file says under which licence it comes (LICENSE and NOTICE beside it).
banner="/*
* Apache ECharts $ECHARTS_VERSION, custom build for Lianxin (scripts/build_echarts.sh, scripts/echarts/entry.js):
* charts bar, line, treemap, gauge; components grid, legend, tooltip; canvas renderer.
*
* Licensed to the Apache Software Foundation (ASF) under one
* or more contributor license agreements.  See the NOTICE file
* distributed with this work for additional information
* regarding copyright ownership.  The ASF licenses this file
* to you under the Apache License, Version 2.0 (the
* \"License\"); you may not use this file except in compliance
* with the License.  You may obtain a copy of the License at
*
*   http://www.apache.org/licenses/LICENSE-2.0
*
* Unless required by applicable law or agreed to in writing,
* software distributed under the License is distributed on an
* \"AS IS\" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY
* KIND, either express or implied.  See the License for the
* specific language governing permissions and limitations
* under the License.
*
* Includes ZRender (BSD 3-Clause, LICENSE-zrender) and tslib (0BSD).
*/"

./node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --global-name=echarts --target=es2017 \
  --define:process.env.NODE_ENV='"production"' --legal-comments=inline --banner:js="$banner" \
  --outfile="$out/echarts.min.js" --log-level=warning
cp node_modules/echarts/LICENSE node_modules/echarts/NOTICE "$out/"
cp node_modules/zrender/LICENSE "$out/LICENSE-zrender"
printf 'echarts.min.js: %s bytes, %s bytes gzipped\n' "$(wc -c <"$out/echarts.min.js")" "$(gzip -9c "$out/echarts.min.js" | wc -c)"
