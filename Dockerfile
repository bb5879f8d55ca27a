# Production image of Tongyuan: the app (npm run serve) and the jobs worker (npm run worker)
# run from the same image; docker-compose.yml wires them to PostgreSQL and Meilisearch.
FROM node:22-bookworm-slim
ENV NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --include=dev
COPY . .
RUN npm run build
EXPOSE 3000
CMD ["npm", "start"]
