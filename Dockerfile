# syntax=docker/dockerfile:1
# One image for every Halfhour service: choose the service with the command, e.g.
#   docker run halfhour dist/apps/scheduler/src/main.js
#   docker run halfhour dist/apps/halfhour-cli/src/main.js provision
# Targets: `runtime` (the default, production dependencies only, non-root), `build` (compiles).
#
# A release build pins the base by digest and says what it is:
#   docker build --build-arg NODE_IMAGE=node:20.20-bookworm-slim@sha256:<digest> \
#     --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse HEAD) \
#     --build-arg CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ) -t ghcr.io/halfhour/halfhour:0.1.0 .
ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY tools/build tools/build
COPY apps apps
COPY libs libs
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ARG VERSION=dev
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="halfhour" \
      org.opencontainers.image.description="Hub-side smart-meter half-hourly data retrieval for GB MHHS (SEC MP162): every service in one image" \
      org.opencontainers.image.source="https://github.com/halfhour/halfhour" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}"
# HALFHOUR_VERSION and HALFHOUR_REVISION label `halfhour_build_info` on every service's /metrics.
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    MANAGEMENT_PORT=9090 \
    MIGRATE_ON_START=false \
    NODE_OPTIONS=--enable-source-maps \
    HALFHOUR_VERSION=${VERSION} \
    HALFHOUR_REVISION=${REVISION}
WORKDIR /app
COPY --from=production-dependencies /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
# The image's own unprivileged user (uid 1000); nothing is written to the image's filesystem at run time.
USER node
EXPOSE 8080 9090
ENTRYPOINT ["node"]
CMD ["dist/apps/halfhour-cli/src/main.js"]
