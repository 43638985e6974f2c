import type { PgToolsReport } from '../core/pg-programs.js';
import type { Translate } from './i18n.js';

/**
 * The PostgreSQL programs found, for `config validate` and `status --verbose`: each program with its version,
 * path and where it was found, the copies passed over, and the places searched.
 */
export function renderPgTools(report: PgToolsReport, t: Translate): string[] {
  const lines = [`${t('pgtools.title')}:`];
  for (const program of report.programs) {
    const chosen = program.chosen;
    lines.push(
      chosen
        ? `  ${t('pgtools.found', {
            program: program.name,
            version: chosen.version ?? chosen.major ?? '?',
            path: chosen.path,
            source: t(`pgtools.source.${chosen.source}`),
          })}`
        : `  ${t('pgtools.notFound', { program: program.name })}`,
    );
    if (program.others.length > 0)
      lines.push(`    ${t('pgtools.others', { list: program.others.map((p) => p.path).join(', ') })}`);
  }
  lines.push(`  ${t('pgtools.searched', { places: report.searched.join(' · ') })}`);
  return lines;
}
