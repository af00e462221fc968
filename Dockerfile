# diffsvc under gunicorn with its SQLite store in a volume:
#   docker build -t diffsvc . && docker run -p 8000:8000 -v diffsvc-var:/app/var diffsvc
# Set DATABASE_URL=postgresql://user:pass@host/db to use PostgreSQL instead, and
# DIFFSVC_SECRET_KEY when running more than one container.
#
# The same steps as `make run` and `make wheel-check`: the exact versions of requirements.txt,
# then the project itself, built as a wheel and installed without its dependencies (not
# editable: the image holds no source tree).

FROM python:3.11-slim AS wheel
WORKDIR /src
COPY pyproject.toml README.md ./
COPY diffsvc ./diffsvc
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DIFFSVC_BIND=0.0.0.0:8000

WORKDIR /app
# What `make rundeps` installs: Pango for the PDF redline, Liberation and Noto CJK to set it.
RUN apt-get update -qq \
    && apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
        fonts-noto-cjk fonts-liberation \
    && rm -rf /var/lib/apt/lists/*
# Dependencies first, in a layer of their own that a code change does not rebuild.
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY --from=wheel /wheels /wheels
RUN pip install --no-deps /wheels/*.whl \
    && pip check \
    && rm -rf /wheels \
    && useradd --system --no-create-home --home-dir /app --uid 10001 diffsvc \
    && mkdir -p /app/var \
    && chown diffsvc /app/var
COPY app.py gunicorn.conf.py ./

USER diffsvc
VOLUME ["/app/var"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
# The same image runs the queue worker for background series (make worker):
#   docker run -e DIFFSVC_QUEUE_URL=redis://... -e DIFFSVC_DATABASE_URL=... IMAGE \
#       rq worker --url redis://... diffsvc
CMD ["gunicorn", "--config", "gunicorn.conf.py", "app:app"]
