#!/bin/sh
# writes the page from the environment ECS gave the container, says so on stdout, serves it
mkdir -p /www
echo "$GREETING $STACK $DB_PASSWORD" > /www/index.html
echo "serving for $STACK"
exec httpd -f -p 8080 -h /www
