from tortoise import migrations
from tortoise.migrations import operations as ops
from licman.models.reminder import ReminderEvent, ReminderState
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('licman', '0006_search_indexes')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CalendarFeed',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.OneToOneField('licman.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('last_used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'calendar_feed', 'app': 'licman', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReminderPreference',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.OneToOneField('licman.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('enabled', fields.BooleanField(default=True, description='False: the user opted out.')),
                ('lead_days', fields.JSONField(default=list, description='Days ahead, e.g. [90, 30, 7].', encoder=JSON_DUMPS, decoder=loads)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'reminder_preference', 'app': 'licman', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReminderSent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('licman.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('license', fields.ForeignKeyField('licman.License', source_field='license_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('event', fields.CharEnumField(description='EXPIRY: expiry\nCANCEL_BY: cancel_by', enum_type=ReminderEvent, max_length=16)),
                ('due_on', fields.DateField(description='The expiry or cancel-by date reminded of.')),
                ('lead_days', fields.IntField(description='The lead time this reminder is for.')),
                ('state', fields.CharEnumField(default=ReminderState.CLAIMED, description='CLAIMED: claimed\nSENT: sent', enum_type=ReminderState, max_length=16)),
                ('claim_token', fields.CharField(db_index=True, description='The digest run.', max_length=36)),
                ('claimed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('job_id', fields.IntField(null=True, description='The digest job that claimed it.')),
            ],
            options={'table': 'reminder_sent', 'app': 'licman', 'unique_together': (('user', 'license', 'event', 'due_on', 'lead_days'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='License',
            name='remind_seat_holders',
            field=fields.BooleanField(default=False, description='Seat holders get expiry reminders too (owners always do).'),
        ),
    ]
