#!/bin/sh
# writes the page from the environment ECS gave the container, says so on stdout, serves it; exits on
# SIGTERM at once (as PID 1 the shell would otherwise ignore it until ECS's stop timeout)
mkdir -p /www
echo "$GREETING $STACK $DB_PASSWORD" > /www/index.html
echo "serving for $STACK"
httpd -f -p 8080 -h /www &
trap 'kill $!; exit 0' TERM
wait
