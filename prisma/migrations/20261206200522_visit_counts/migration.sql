-- CreateTable
CREATE TABLE "VisitDay" (
    "siteId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "pageViews" INTEGER NOT NULL DEFAULT 0,
    "uniqueVisitors" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "VisitDay_pkey" PRIMARY KEY ("siteId","day")
);

-- CreateTable
CREATE TABLE "VisitPathDay" (
    "siteId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "path" TEXT NOT NULL,
    "pageViews" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "VisitPathDay_pkey" PRIMARY KEY ("siteId","day","path")
);

-- CreateTable
CREATE TABLE "VisitSearchDay" (
    "siteId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "term" TEXT NOT NULL,
    "searches" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "VisitSearchDay_pkey" PRIMARY KEY ("siteId","day","term")
);

-- CreateTable
CREATE TABLE "VisitReferrerDay" (
    "siteId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "host" TEXT NOT NULL,
    "pageViews" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "VisitReferrerDay_pkey" PRIMARY KEY ("siteId","day","host")
);

-- CreateTable
CREATE TABLE "VisitSalt" (
    "day" DATE NOT NULL,
    "salt" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitSalt_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "VisitVisitor" (
    "siteId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "VisitVisitor_pkey" PRIMARY KEY ("siteId","day","hash")
);

-- CreateIndex
CREATE INDEX "VisitDay_day_idx" ON "VisitDay"("day");

-- AddForeignKey
ALTER TABLE "VisitDay" ADD CONSTRAINT "VisitDay_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitPathDay" ADD CONSTRAINT "VisitPathDay_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitSearchDay" ADD CONSTRAINT "VisitSearchDay_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitReferrerDay" ADD CONSTRAINT "VisitReferrerDay_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitVisitor" ADD CONSTRAINT "VisitVisitor_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;
