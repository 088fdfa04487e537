# syntax=docker/dockerfile:1
# Multi-stage build of the `ebill` binary; SQLite, libpq and OpenSSL are compiled in (bundled), so the
# runtime image needs no database client libraries.

FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock rustfmt.toml clippy.toml ./
COPY src ./src
COPY migrations ./migrations
COPY openapi ./openapi
RUN cargo build --release --locked --bin ebill

FROM debian:bookworm-slim AS runtime
# Security updates of the base image matter more here than reproducible package versions.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/ebill --create-home ebill
COPY --from=build /src/target/release/ebill /usr/local/bin/ebill
USER 10001:10001
WORKDIR /var/lib/ebill
ENV EBILL_BIND=0.0.0.0:8080 \
    EBILL_DATABASE_URL=sqlite:///var/lib/ebill/ebill.db \
    RUST_LOG=info
EXPOSE 8080
VOLUME ["/var/lib/ebill"]
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD ["curl", "-fsS", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/usr/local/bin/ebill"]
CMD ["serve"]
