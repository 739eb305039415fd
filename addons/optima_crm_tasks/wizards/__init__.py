from . import optima_crm_task_link_wizard
