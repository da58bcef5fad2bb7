from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('licman', '0003_audit_append_only')]

    initial = False

    operations = [
        ops.CreateModel(
            name='JobFile',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('job', fields.ForeignKeyField('licman.Job', source_field='job_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('created_by', fields.ForeignKeyField('licman.User', source_field='created_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('role', fields.CharField(description='upload, skipped_rows, export ...', max_length=32)),
                ('name', fields.CharField(max_length=255)),
                ('content_type', fields.CharField(default='application/octet-stream', max_length=100)),
                ('size', fields.BigIntField(default=0)),
                ('sha256', fields.CharField(default='', max_length=64)),
                ('complete', fields.BooleanField(default=False, description='All chunks written.')),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'job_file', 'app': 'licman', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='JobFileChunk',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('file', fields.ForeignKeyField('licman.JobFile', source_field='file_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('seq', fields.IntField()),
                ('data', fields.BinaryField(description='Fernet token of the chunk, bound to file and seq.')),
            ],
            options={'table': 'job_file_chunk', 'app': 'licman', 'unique_together': (('file', 'seq'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='JobOutbox',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('job', fields.ForeignKeyField('licman.Job', source_field='job_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('sent_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
                ('attempts', fields.IntField(default=0)),
                ('last_error', fields.CharField(default='', max_length=500)),
            ],
            options={'table': 'job_outbox', 'app': 'licman', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='JobRowError',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('job', fields.ForeignKeyField('licman.Job', source_field='job_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('row', fields.IntField(description='Row number as a spreadsheet shows it (header = 1).')),
                ('column', fields.CharField(default='', max_length=200)),
                ('code', fields.CharField(max_length=32)),
                ('message', fields.CharField(max_length=1000)),
            ],
            options={'table': 'job_row_error', 'app': 'licman', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Job',
            name='actor',
            field=fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads),
        ),
        ops.AddField(
            model_name='Job',
            name='attempts',
            field=fields.IntField(default=0, description='How many times a worker claimed it.'),
        ),
        ops.AddField(
            model_name='Job',
            name='checkpoint',
            field=fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads),
        ),
        ops.AddField(
            model_name='Job',
            name='claim_token',
            field=fields.CharField(null=True, max_length=36),
        ),
        ops.AddField(
            model_name='Job',
            name='lease_until',
            field=fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False),
        ),
    ]
