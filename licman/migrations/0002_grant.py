from licman.migration_ops import CreateModelWithChecks
from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint

class Migration(migrations.Migration):
    dependencies = [('licman', '0001_initial')]

    initial = False

    operations = [
        CreateModelWithChecks(
            name='Grant',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('license', fields.ForeignKeyField('licman.License', source_field='license_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('vendor', fields.ForeignKeyField('licman.Vendor', source_field='vendor_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('licman.User', source_field='user_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('team', fields.ForeignKeyField('licman.Team', source_field='team_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('rights', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('created_by', fields.ForeignKeyField('licman.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'access_grant', 'app': 'licman', 'constraints': [CheckConstraint(check='(license_id IS NULL) <> (vendor_id IS NULL)', name='grant_one_object'), CheckConstraint(check='(user_id IS NULL) <> (team_id IS NULL)', name='grant_one_grantee')], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
