from tortoise import migrations
from tortoise.migrations import operations as ops
from licman.models.user import Role
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('licman', '0004_jobs')]

    initial = False

    operations = [
        ops.AddField(
            model_name='OAuthAuthorizationCode',
            name='used_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='OAuthClient',
            name='service_role',
            field=fields.CharEnumField(null=True, description='ADMIN: admin\nMANAGER: manager\nMEMBER: member\nAUDITOR: auditor', enum_type=Role, max_length=16),
        ),
        ops.AddField(
            model_name='OAuthToken',
            name='family',
            field=fields.CharField(default='', db_index=True, max_length=64),
        ),
        ops.AddField(
            model_name='OAuthToken',
            name='last_used_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='OAuthToken',
            name='rotated_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
