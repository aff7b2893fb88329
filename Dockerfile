# syntax=docker/dockerfile:1
# One image for every Halfhour service: choose the service with the command, e.g.
#   docker run halfhour dist/apps/scheduler/src/main.js
#   docker run halfhour dist/apps/halfhour-cli/src/main.js provision
# Targets: `runtime` (the default, production dependencies only, non-root), `build` (compiles).

FROM node:20.20-bookworm-slim AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY tools/build tools/build
COPY apps apps
COPY libs libs
RUN npm run build

FROM node:20.20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    MANAGEMENT_PORT=9090 \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=production-dependencies /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
# The image's own unprivileged user (uid 1000); nothing is written to the image's filesystem at run time.
USER node
EXPOSE 8080 9090
ENTRYPOINT ["node"]
CMD ["dist/apps/halfhour-cli/src/main.js"]
