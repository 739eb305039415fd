from . import test_attributes
from . import test_partner_and_users
from . import test_task_rules
from . import test_task_tours
from . import test_terminarz
from . import test_current_info
from . import test_reminders
from . import test_cyclic_tasks
