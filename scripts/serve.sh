#!/usr/bin/env bash
# Serve Lianxin: the Huey consumer in the background, gunicorn (with WhiteNoise) in the foreground.
# Ctrl-C stops both.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
BIND=${BIND:-127.0.0.1:8000}

"$BIN/python" manage.py run_huey &
huey_pid=$!
stop_huey() { kill "$huey_pid" 2>/dev/null; wait "$huey_pid" 2>/dev/null; }
trap stop_huey EXIT
trap 'exit 130' INT TERM

echo "连心已启动：http://${BIND}/  （按 Ctrl-C 停止网站和后台任务）"
BIND=$BIND "$BIN/gunicorn" --config gunicorn.conf.py lianxin.wsgi:application
