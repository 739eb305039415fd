from . import optima_crm_task_link_wizard
from . import optima_crm_task_message_link_wizard
from . import optima_crm_task_range_filter
