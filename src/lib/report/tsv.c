#define _POSIX_C_SOURCE 200809L
/* qa.tsv: one line per finding, the columns of qa.json's findings. */
#include "report.h"

#include "internal.h"
#include "writer.h"

#include <stdio.h>
#include <string.h>

void tma_report_write_tsv(const tma_report *report, tma_outfile *out)
{
    FILE *fp = out->fp;
    fputs("kind\tdocument\tlang\tother\tfile\tline\tcolumn\tstart\tend\tunit\tvalue\tmessage\t"
          "text\ttmx\ttuid\tapproved\n",
          fp);
    for (size_t i = 0; i < report->story_count; i++) {
        const tma_report_story *s = &report->stories[i];
        for (size_t j = 0; j < s->finding_count; j++) {
            const tma_finding *f = &s->findings[j];
            fprintf(fp, "%s\t", tma_report_kind_name(f->kind));
            tma_write_tsv_field(fp, s->name);
            fprintf(fp, "\t%s\t%s\t", f->lang, f->other);
            tma_write_tsv_field(fp, f->file);
            fprintf(fp, "\t%ld\t%ld\t%zu\t%zu\t%ld\t%.4f\t", f->line, f->column, f->start, f->end,
                    f->unit, f->value);
            tma_write_tsv_field(fp, f->message);
            fputc('\t', fp);
            tma_write_tsv_field(fp, f->text);
            fputc('\t', fp);
            tma_write_tsv_field(fp, f->tmx ? f->tmx : "");
            fputc('\t', fp);
            tma_write_tsv_field(fp, f->tuid ? f->tuid : "");
            fprintf(fp, "\t%d\n", f->approved);
        }
    }
}
