#!/bin/sh
echo "Informe generado en $(hostname) el $(date)"
cat /informes/leeme.txt
curl --version | head -n 1
