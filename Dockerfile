FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY hwbb hwbb
COPY meetings meetings
COPY strategy strategy
COPY indicators indicators
RUN pip install --no-cache-dir .
COPY . .
RUN useradd --create-home hwbb
USER hwbb
EXPOSE 8000
