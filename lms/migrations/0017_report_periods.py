"""Reports cover exact dates that tile time (lms.reports.periods) and may be
quarterly, six-monthly or yearly. The reports made before covered calendar
quarters: they keep those dates, and the next report of each place starts
the day after."""

import datetime
import django.core.validators
from django.conf import settings
from django.db import migrations, models


def calendar_quarters(apps, schema_editor):
    QuarterlyReport = apps.get_model("lms", "QuarterlyReport")
    for report in QuarterlyReport.objects.only("year", "quarter"):
        report.start = datetime.date(report.year, 3 * report.quarter - 2, 1)
        following = (
            datetime.date(report.year + 1, 1, 1)
            if report.quarter == 4
            else datetime.date(report.year, 3 * report.quarter + 1, 1)
        )
        report.end = following - datetime.timedelta(days=1)
        report.save(update_fields=["start", "end"])


class Migration(migrations.Migration):

    dependencies = [
        ('lms', '0014_report_amendments'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReportingCalendar',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('movement_start', models.DateField(default=datetime.date(2024, 11, 18), help_text='The first report of each kind covers the days from this date.', validators=[django.core.validators.MinValueValidator(datetime.date(2000, 1, 1))], verbose_name='movement start date')),
                ('cutoff_day', models.PositiveSmallIntegerField(default=10, help_text="The day of the quarter's last month on which a report closes and is due (1 to 28). The next report starts the day after.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(28)], verbose_name='cut-off day')),
            ],
            options={
                'verbose_name': 'reporting calendar',
                'verbose_name_plural': 'reporting calendar',
            },
        ),
        migrations.AlterModelOptions(
            name='quarterlyreport',
            options={'ordering': ['-end', 'kind', 'place__path', 'version'], 'verbose_name': 'quarterly report', 'verbose_name_plural': 'quarterly reports'},
        ),
        migrations.RemoveConstraint(
            model_name='quarterlyreport',
            name='lms_quarterly_report_quarter_1_to_4',
        ),
        migrations.RemoveConstraint(
            model_name='quarterlyreport',
            name='lms_quarterly_report_version_once',
        ),
        migrations.AddField(
            model_name='quarterlyreport',
            name='end',
            field=models.DateField(null=True, verbose_name='to'),
        ),
        migrations.AddField(
            model_name='quarterlyreport',
            name='kind',
            field=models.CharField(choices=[('quarter', 'Quarterly'), ('half', 'Six-monthly'), ('year', 'Yearly')], default='quarter', max_length=10, verbose_name='kind'),
        ),
        migrations.AddField(
            model_name='quarterlyreport',
            name='start',
            field=models.DateField(null=True, verbose_name='from'),
        ),
        migrations.RunPython(calendar_quarters, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='quarterlyreport',
            name='start',
            field=models.DateField(verbose_name='from'),
        ),
        migrations.AlterField(
            model_name='quarterlyreport',
            name='end',
            field=models.DateField(verbose_name='to'),
        ),
        migrations.AddConstraint(
            model_name='quarterlyreport',
            constraint=models.UniqueConstraint(fields=('place', 'kind', 'year', 'quarter', 'version'), name='lms_report_version_once'),
        ),
        migrations.AddConstraint(
            model_name='quarterlyreport',
            constraint=models.CheckConstraint(condition=models.Q(('start__lte', models.F('end'))), name='lms_report_period_forwards'),
        ),
        migrations.AddConstraint(
            model_name='quarterlyreport',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'quarter'), ('quarter__gte', 1), ('quarter__lte', 4)), models.Q(('kind', 'half'), ('quarter__in', [2, 4])), models.Q(('kind', 'year'), ('quarter', 4)), _connector='OR'), name='lms_report_kind_ends_with_its_quarter'),
        ),
        migrations.AddConstraint(
            model_name='reportingcalendar',
            constraint=models.CheckConstraint(condition=models.Q(('cutoff_day__gte', 1), ('cutoff_day__lte', 28)), name='lms_reporting_calendar_cutoff_1_to_28'),
        ),
    ]
